//! Compiled conditions: names resolved to fact indices, values typed, every node keeping the span
//! of its source text so that the trace can quote it.

use std::collections::HashMap;

use crate::facts::{FactId, FactKind, RawValue, Value, Vocabulary};

use super::dsl::{Atom, CmpOp, Span, Syn, SynNode};

pub type RuleKey = u16;
pub type DerivedId = u16;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactRef {
    Input(FactId),
    Derived(DerivedId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Value(Value),
    Fact(FactRef),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(bool),
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    Known(FactRef),
    Rule(RuleKey),
    Truthy(FactRef),
    Compare {
        fact: FactRef,
        op: CmpOp,
        rhs: Operand,
    },
    CountCompare {
        fact: FactRef,
        op: CmpOp,
        n: f64,
    },
    InSet {
        fact: FactRef,
        mask: u64,
    },
    HasAny {
        fact: FactRef,
        mask: u64,
    },
    HasAll {
        fact: FactRef,
        mask: u64,
    },
    HasTag {
        fact: FactRef,
        tags: Vec<String>,
        all: bool,
    },
    Empty(FactRef),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub expr: Expr,
    pub span: Span,
}

impl Node {
    /// Visits every fact and rule this node reads.
    pub fn visit(&self, f: &mut impl FnMut(Ref)) {
        match &self.expr {
            Expr::Const(_) => {}
            Expr::All(items) | Expr::Any(items) => items.iter().for_each(|n| n.visit(f)),
            Expr::Not(inner) => inner.visit(f),
            Expr::Rule(key) => f(Ref::Rule(*key)),
            Expr::Known(fact)
            | Expr::Truthy(fact)
            | Expr::CountCompare { fact, .. }
            | Expr::InSet { fact, .. }
            | Expr::HasAny { fact, .. }
            | Expr::HasAll { fact, .. }
            | Expr::HasTag { fact, .. }
            | Expr::Empty(fact) => f(Ref::Fact(*fact)),
            Expr::Compare { fact, rhs, .. } => {
                f(Ref::Fact(*fact));
                if let Operand::Fact(other) = rhs {
                    f(Ref::Fact(*other));
                }
            }
        }
    }

    /// Numbers that this node compares a fact with, for choosing hypothetical answers.
    pub fn thresholds(&self, out: &mut Vec<(FactRef, f64, bool)>) {
        match &self.expr {
            Expr::All(items) | Expr::Any(items) => items.iter().for_each(|n| n.thresholds(out)),
            Expr::Not(inner) => inner.thresholds(out),
            Expr::Compare {
                fact,
                rhs: Operand::Value(Value::Number(n)),
                ..
            } => out.push((*fact, *n, false)),
            Expr::CountCompare { fact, n, .. } => out.push((*fact, *n, true)),
            _ => {}
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ref {
    Fact(FactRef),
    Rule(RuleKey),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub offset: usize,
    pub message: String,
}

/// What a compiled condition may refer to.
pub struct Scope<'a> {
    pub vocabulary: &'a Vocabulary,
    pub derived: &'a [(String, FactKind)],
    pub params: &'a HashMap<String, RawValue>,
    pub rule_keys: &'a HashMap<String, RuleKey>,
    /// Derived facts may not call rules.
    pub allow_rules: bool,
}

impl Scope<'_> {
    fn fact(&self, name: &str) -> Option<(FactRef, &FactKind)> {
        if let Some(id) = self.vocabulary.id(name) {
            return Some((FactRef::Input(id), &self.vocabulary.def(id).kind));
        }
        self.derived
            .iter()
            .position(|(n, _)| n == name)
            .map(|i| (FactRef::Derived(i as DerivedId), &self.derived[i].1))
    }

    fn unknown_fact(&self, name: &str, span: Span) -> CompileError {
        let suggestion = self.suggest(name);
        CompileError {
            offset: span.start,
            message: match suggestion {
                Some(s) => format!("onbekend feit '{name}' (bedoelt u '{s}'?)"),
                None => format!("onbekend feit '{name}'"),
            },
        }
    }

    fn suggest(&self, name: &str) -> Option<String> {
        let names = self
            .vocabulary
            .facts
            .iter()
            .map(|f| f.name.as_str())
            .chain(self.derived.iter().map(|(n, _)| n.as_str()));
        names
            .map(|n| (edit_distance(n, name), n))
            .filter(|(d, _)| *d <= 3)
            .min()
            .map(|(_, n)| n.to_string())
    }
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn err(span: Span, message: impl Into<String>) -> CompileError {
    CompileError {
        offset: span.start,
        message: message.into(),
    }
}

fn values_list(values: &[(String, String)]) -> String {
    values
        .iter()
        .map(|(v, _)| v.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn compile(node: &SynNode, scope: &Scope) -> Result<Node, CompileError> {
    let span = node.span;
    let expr = match &node.syn {
        Syn::Atom(Atom::Bool(b)) => Expr::Const(*b),
        Syn::Atom(Atom::Param(name)) => match scope.params.get(name) {
            Some(RawValue::Bool(b)) => Expr::Const(*b),
            Some(_) => {
                return Err(err(
                    span,
                    format!("parameter '${name}' is geen ja/nee-waarde"),
                ));
            }
            None => return Err(err(span, format!("onbekende parameter '${name}'"))),
        },
        Syn::Atom(Atom::Number(_)) => return Err(err(span, "een getal is geen voorwaarde")),
        Syn::Atom(Atom::Ident(name)) => {
            let (fact, kind) = scope
                .fact(name)
                .ok_or_else(|| scope.unknown_fact(name, span))?;
            if *kind != FactKind::Bool {
                return Err(err(
                    span,
                    format!(
                        "'{name}' is een {} en geen ja/nee-feit; vergelijk het met een waarde",
                        kind.type_name()
                    ),
                ));
            }
            Expr::Truthy(fact)
        }
        Syn::Set(_) => return Err(err(span, "een verzameling {…} is geen voorwaarde")),
        Syn::RuleRef(id) => {
            if !scope.allow_rules {
                return Err(err(span, "een afgeleid feit kan geen rule(…) gebruiken"));
            }
            match scope.rule_keys.get(id) {
                Some(key) => Expr::Rule(*key),
                None => {
                    return Err(err(
                        span,
                        format!("rule({id}) verwijst naar een regel die niet bestaat"),
                    ));
                }
            }
        }
        Syn::Call { name, args } => compile_call(name, args, span, scope)?,
        Syn::In { lhs, set } => {
            let (fact, kind, name) = fact_operand(lhs, scope)?;
            let FactKind::Enum(values) = kind else {
                return Err(err(
                    lhs.span,
                    format!(
                        "'{name}' is een {}; 'in {{…}}' werkt alleen op een keuze",
                        kind.type_name()
                    ),
                ));
            };
            let Syn::Set(items) = &set.syn else {
                return Err(err(set.span, "verzameling {…} verwacht"));
            };
            let mut mask = 0u64;
            for (item, item_span) in items {
                match kind.enum_index(item) {
                    Some(i) => mask |= 1 << i,
                    None => {
                        return Err(err(
                            *item_span,
                            format!(
                                "'{item}' is geen waarde van '{name}' (mogelijk: {})",
                                values_list(values)
                            ),
                        ));
                    }
                }
            }
            Expr::InSet { fact, mask }
        }
        Syn::Compare { lhs, op, rhs } => compile_compare(lhs, *op, rhs, scope)?,
    };
    Ok(Node { expr, span })
}

fn fact_operand<'s>(
    node: &SynNode,
    scope: &'s Scope,
) -> Result<(FactRef, &'s FactKind, String), CompileError> {
    match &node.syn {
        Syn::Atom(Atom::Ident(name)) => {
            let (fact, kind) = scope
                .fact(name)
                .ok_or_else(|| scope.unknown_fact(name, node.span))?;
            Ok((fact, kind, name.clone()))
        }
        _ => Err(err(node.span, "naam van een feit verwacht")),
    }
}

fn compile_call(
    name: &str,
    args: &[SynNode],
    span: Span,
    scope: &Scope,
) -> Result<Expr, CompileError> {
    let arity = |n: usize| -> Result<(), CompileError> {
        if args.len() == n {
            Ok(())
        } else {
            Err(err(
                span,
                format!(
                    "{name}(…) verwacht {n} argument(en), maar kreeg er {}",
                    args.len()
                ),
            ))
        }
    };
    match name {
        "all" | "any" => {
            if args.is_empty() {
                return Err(err(span, format!("{name}(…) zonder argumenten")));
            }
            let items = args
                .iter()
                .map(|a| compile(a, scope))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if name == "all" {
                Expr::All(items)
            } else {
                Expr::Any(items)
            })
        }
        "not" => {
            arity(1)?;
            Ok(Expr::Not(Box::new(compile(&args[0], scope)?)))
        }
        "known" => {
            arity(1)?;
            let (fact, _, _) = fact_operand(&args[0], scope)?;
            Ok(Expr::Known(fact))
        }
        "empty" => {
            arity(1)?;
            let (fact, kind, fname) = fact_operand(&args[0], scope)?;
            if !matches!(kind, FactKind::Set(_) | FactKind::List { .. }) {
                return Err(err(
                    args[0].span,
                    format!("'{fname}' is geen verzameling of lijst"),
                ));
            }
            Ok(Expr::Empty(fact))
        }
        "has" | "has_any" | "has_all" => {
            arity(2)?;
            let (fact, kind, fname) = fact_operand(&args[0], scope)?;
            let FactKind::Set(values) = kind else {
                return Err(err(
                    args[0].span,
                    format!("'{fname}' is een {}, geen verzameling", kind.type_name()),
                ));
            };
            let items: Vec<(String, Span)> = match (&args[1].syn, name) {
                (Syn::Atom(Atom::Ident(v)), "has") => vec![(v.clone(), args[1].span)],
                (Syn::Set(items), "has_any" | "has_all") => items.clone(),
                (_, "has") => {
                    return Err(err(
                        args[1].span,
                        "has(…) verwacht een waarde als tweede argument",
                    ));
                }
                _ => {
                    return Err(err(
                        args[1].span,
                        format!("{name}(…) verwacht een verzameling {{…}} als tweede argument"),
                    ));
                }
            };
            if values.is_empty() {
                let tags = items.into_iter().map(|(v, _)| v).collect();
                return Ok(Expr::HasTag {
                    fact,
                    tags,
                    all: name == "has_all",
                });
            }
            let mut mask = 0u64;
            for (item, item_span) in &items {
                match kind.enum_index(item) {
                    Some(i) => mask |= 1 << i,
                    None => {
                        return Err(err(
                            *item_span,
                            format!(
                                "'{item}' is geen waarde van '{fname}' (mogelijk: {})",
                                values_list(values)
                            ),
                        ));
                    }
                }
            }
            Ok(if name == "has_all" {
                Expr::HasAll { fact, mask }
            } else {
                Expr::HasAny { fact, mask }
            })
        }
        "count" => Err(err(
            span,
            "count(…) moet met een getal vergeleken worden, bv. count(x) >= 1",
        )),
        "rule" => unreachable!("rule(…) is parsed as a reference"),
        other => Err(err(
            span,
            format!(
                "onbekende functie '{other}' (mogelijk: all, any, not, known, has, has_any, has_all, count, empty, rule)"
            ),
        )),
    }
}

fn number_operand(node: &SynNode, scope: &Scope) -> Result<Option<f64>, CompileError> {
    match &node.syn {
        Syn::Atom(Atom::Number(n)) => Ok(Some(*n)),
        Syn::Atom(Atom::Param(name)) => match scope.params.get(name) {
            Some(RawValue::Number(n)) => Ok(Some(*n)),
            Some(_) => Err(err(node.span, format!("parameter '${name}' is geen getal"))),
            None => Err(err(node.span, format!("onbekende parameter '${name}'"))),
        },
        _ => Ok(None),
    }
}

fn compile_compare(
    lhs: &SynNode,
    op: CmpOp,
    rhs: &SynNode,
    scope: &Scope,
) -> Result<Expr, CompileError> {
    if let Syn::Call { name, args } = &lhs.syn
        && name == "count"
    {
        if args.len() != 1 {
            return Err(err(lhs.span, "count(…) verwacht één verzameling"));
        }
        let (fact, kind, fname) = fact_operand(&args[0], scope)?;
        if !matches!(kind, FactKind::Set(_) | FactKind::List { .. }) {
            return Err(err(
                args[0].span,
                format!("'{fname}' is geen verzameling of lijst"),
            ));
        }
        let n = number_operand(rhs, scope)?
            .ok_or_else(|| err(rhs.span, "count(…) vergelijkt met een getal"))?;
        return Ok(Expr::CountCompare { fact, op, n });
    }
    let (fact, kind, name) = fact_operand(lhs, scope)?;
    let ordered = matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge);
    // fact against fact of the same kind (an enum value takes precedence over a fact name)
    if let Syn::Atom(Atom::Ident(other)) = &rhs.syn {
        let is_enum_value = kind.enum_index(other).is_some();
        if let (false, Some((other_ref, other_kind))) = (is_enum_value, scope.fact(other)) {
            let same_kind = match (kind, other_kind) {
                (FactKind::Enum(a), FactKind::Enum(b)) => a == b,
                (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
            };
            if !same_kind {
                return Err(err(
                    rhs.span,
                    format!(
                        "'{name}' ({}) en '{other}' ({}) zijn niet te vergelijken",
                        kind.type_name(),
                        other_kind.type_name()
                    ),
                ));
            }
            if ordered && !matches!(kind, FactKind::Number { .. } | FactKind::Date) {
                return Err(err(
                    lhs.span,
                    format!(
                        "'{name}' is een {}; '{}' werkt alleen op getallen en datums",
                        kind.type_name(),
                        op.as_str()
                    ),
                ));
            }
            if matches!(kind, FactKind::Set(_) | FactKind::List { .. }) {
                return Err(err(
                    lhs.span,
                    format!(
                        "'{name}' is een {}; vergelijk met count(…)",
                        kind.type_name()
                    ),
                ));
            }
            return Ok(Expr::Compare {
                fact,
                op,
                rhs: Operand::Fact(other_ref),
            });
        }
    }
    match kind {
        FactKind::Number { .. } => {
            let n = number_operand(rhs, scope)?.ok_or_else(|| {
                err(
                    rhs.span,
                    format!("'{name}' is een getal; vergelijk met een getal"),
                )
            })?;
            Ok(Expr::Compare {
                fact,
                op,
                rhs: Operand::Value(Value::Number(n)),
            })
        }
        FactKind::Bool => {
            if ordered {
                return Err(err(
                    lhs.span,
                    format!("'{name}' is ja/nee; gebruik == of !="),
                ));
            }
            match &rhs.syn {
                Syn::Atom(Atom::Bool(b)) => Ok(Expr::Compare {
                    fact,
                    op,
                    rhs: Operand::Value(Value::Bool(*b)),
                }),
                _ => Err(err(
                    rhs.span,
                    format!("'{name}' is ja/nee; vergelijk met true of false"),
                )),
            }
        }
        FactKind::Enum(values) => {
            if ordered {
                return Err(err(
                    lhs.span,
                    format!("'{name}' is een keuze; gebruik ==, != of in {{…}}"),
                ));
            }
            match &rhs.syn {
                Syn::Atom(Atom::Ident(v)) => match kind.enum_index(v) {
                    Some(i) => Ok(Expr::Compare {
                        fact,
                        op,
                        rhs: Operand::Value(Value::Enum(i)),
                    }),
                    None => Err(err(
                        rhs.span,
                        format!(
                            "'{v}' is geen waarde van '{name}' (mogelijk: {})",
                            values_list(values)
                        ),
                    )),
                },
                _ => Err(err(
                    rhs.span,
                    format!(
                        "'{name}' is een keuze; vergelijk met één van: {}",
                        values_list(values)
                    ),
                )),
            }
        }
        FactKind::Date => Err(err(
            rhs.span,
            format!("'{name}' is een datum; vergelijk met een ander datumfeit"),
        )),
        FactKind::Set(_) | FactKind::List { .. } => Err(err(
            lhs.span,
            format!(
                "'{name}' is een {}; gebruik has(…), has_any(…), count(…) of empty(…)",
                kind.type_name()
            ),
        )),
    }
}
