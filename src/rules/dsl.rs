//! Parser for the condition language of RULES.md §0.3 (docs/config-format.md §3).
//!
//! Parsing yields a syntax tree with byte spans into the condition text; names are resolved and
//! types checked later (`compile.rs`), so that every error can point at its line and column.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Atom {
    Ident(String),
    Number(f64),
    Param(String),
    Bool(bool),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Syn {
    Call {
        name: String,
        args: Vec<SynNode>,
    },
    RuleRef(String),
    Atom(Atom),
    Set(Vec<(String, Span)>),
    Compare {
        lhs: Box<SynNode>,
        op: CmpOp,
        rhs: Box<SynNode>,
    },
    In {
        lhs: Box<SynNode>,
        set: Box<SynNode>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct SynNode {
    pub syn: Syn,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub fn parse(text: &str) -> Result<SynNode, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let node = parser.expr()?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("onverwachte tekst na het einde van de voorwaarde"));
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

/// Deeper nesting than any real rule needs; a limit keeps hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            offset: self.pos,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'#' => {
                    while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, c: u8) -> Result<(), ParseError> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            let found = self.describe_here();
            Err(self.error(format!("'{}' verwacht, maar {found} gevonden", c as char)))
        }
    }

    fn describe_here(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "het einde van de voorwaarde".into(),
            Some(c) => format!("'{c}'"),
        }
    }

    fn ident(&mut self) -> Option<(String, Span)> {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.bytes.len()
            && (self.bytes[self.pos].is_ascii_alphanumeric() || self.bytes[self.pos] == b'_')
        {
            self.pos += 1;
        }
        if self.pos == start || self.bytes[start].is_ascii_digit() {
            self.pos = start;
            return None;
        }
        Some((
            self.text[start..self.pos].to_string(),
            Span {
                start,
                end: self.pos,
            },
        ))
    }

    fn expr(&mut self) -> Result<SynNode, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!(
                "de voorwaarde is dieper genest dan {MAX_DEPTH} niveaus"
            )));
        }
        let result = self.expr_inner();
        self.depth -= 1;
        result
    }

    fn expr_inner(&mut self) -> Result<SynNode, ParseError> {
        let lhs = self.primary()?;
        self.skip_ws();
        let start = lhs.span.start;
        if let Some(op) = self.cmp_op() {
            let rhs = self.primary()?;
            let span = Span {
                start,
                end: rhs.span.end,
            };
            return Ok(SynNode {
                syn: Syn::Compare {
                    lhs: Box::new(lhs),
                    op,
                    rhs: Box::new(rhs),
                },
                span,
            });
        }
        let save = self.pos;
        if let Some((word, _)) = self.ident() {
            if word == "in" {
                let set = self.set()?;
                let span = Span {
                    start,
                    end: set.span.end,
                };
                return Ok(SynNode {
                    syn: Syn::In {
                        lhs: Box::new(lhs),
                        set: Box::new(set),
                    },
                    span,
                });
            }
            self.pos = save;
        }
        Ok(lhs)
    }

    fn cmp_op(&mut self) -> Option<CmpOp> {
        self.skip_ws();
        let rest = &self.bytes[self.pos..];
        let (op, len) = match rest {
            [b'=', b'=', ..] => (CmpOp::Eq, 2),
            [b'!', b'=', ..] => (CmpOp::Ne, 2),
            [b'<', b'=', ..] => (CmpOp::Le, 2),
            [b'>', b'=', ..] => (CmpOp::Ge, 2),
            [b'<', ..] => (CmpOp::Lt, 1),
            [b'>', ..] => (CmpOp::Gt, 1),
            _ => return None,
        };
        self.pos += len;
        Some(op)
    }

    fn set(&mut self) -> Result<SynNode, ParseError> {
        self.skip_ws();
        let start = self.pos;
        self.expect(b'{')?;
        let mut items = Vec::new();
        loop {
            if self.peek() == Some(b'}') {
                self.pos += 1;
                break;
            }
            match self.ident() {
                Some(item) => items.push(item),
                None => {
                    let found = self.describe_here();
                    return Err(
                        self.error(format!("waarde in {{…}} verwacht, maar {found} gevonden"))
                    );
                }
            }
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                _ => {
                    let found = self.describe_here();
                    return Err(self.error(format!("',' of '}}' verwacht, maar {found} gevonden")));
                }
            }
        }
        Ok(SynNode {
            syn: Syn::Set(items),
            span: Span {
                start,
                end: self.pos,
            },
        })
    }

    fn number(&mut self) -> Option<(f64, Span)> {
        self.skip_ws();
        let start = self.pos;
        let mut end = self.pos;
        if end < self.bytes.len() && self.bytes[end] == b'-' {
            end += 1;
        }
        let digits_start = end;
        while end < self.bytes.len()
            && (self.bytes[end].is_ascii_digit() || self.bytes[end] == b'.')
        {
            end += 1;
        }
        if end == digits_start {
            return None;
        }
        let value = self.text[start..end].parse::<f64>().ok()?;
        self.pos = end;
        Some((value, Span { start, end }))
    }

    fn primary(&mut self) -> Result<SynNode, ParseError> {
        match self.peek() {
            None => Err(self.error("de voorwaarde houdt te vroeg op")),
            Some(b'{') => self.set(),
            Some(b'$') => {
                let start = self.pos;
                self.pos += 1;
                match self.ident() {
                    Some((name, span)) => Ok(SynNode {
                        syn: Syn::Atom(Atom::Param(name)),
                        span: Span {
                            start,
                            end: span.end,
                        },
                    }),
                    None => Err(self.error("naam van een parameter verwacht na '$'")),
                }
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => match self.number() {
                Some((n, span)) => Ok(SynNode {
                    syn: Syn::Atom(Atom::Number(n)),
                    span,
                }),
                None => Err(self.error("getal verwacht")),
            },
            Some(_) => {
                let Some((name, span)) = self.ident() else {
                    let found = self.describe_here();
                    return Err(self.error(format!(
                        "feit, functie of waarde verwacht, maar {found} gevonden"
                    )));
                };
                if self.peek() == Some(b'(') {
                    self.pos += 1;
                    if name == "rule" {
                        return self.rule_ref(span.start);
                    }
                    let mut args = Vec::new();
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                    } else {
                        loop {
                            args.push(self.expr()?);
                            match self.peek() {
                                Some(b',') => {
                                    self.pos += 1;
                                    // a trailing comma before ')' is allowed in multi-line conditions
                                    if self.peek() == Some(b')') {
                                        self.pos += 1;
                                        break;
                                    }
                                }
                                Some(b')') => {
                                    self.pos += 1;
                                    break;
                                }
                                _ => {
                                    let found = self.describe_here();
                                    return Err(self.error(format!(
                                        "',' of ')' verwacht in {name}(…), maar {found} gevonden"
                                    )));
                                }
                            }
                        }
                    }
                    return Ok(SynNode {
                        syn: Syn::Call { name, args },
                        span: Span {
                            start: span.start,
                            end: self.pos,
                        },
                    });
                }
                let atom = match name.as_str() {
                    "true" => Atom::Bool(true),
                    "false" => Atom::Bool(false),
                    _ => Atom::Ident(name),
                };
                Ok(SynNode {
                    syn: Syn::Atom(atom),
                    span,
                })
            }
        }
    }

    fn rule_ref(&mut self, start: usize) -> Result<SynNode, ParseError> {
        self.skip_ws();
        let id_start = self.pos;
        while self.pos < self.bytes.len()
            && (self.bytes[self.pos].is_ascii_alphanumeric()
                || self.bytes[self.pos] == b'-'
                || self.bytes[self.pos] == b'_')
        {
            self.pos += 1;
        }
        let id = self.text[id_start..self.pos].to_string();
        if id.is_empty() {
            return Err(self.error("regel-id verwacht in rule(…)"));
        }
        self.expect(b')')?;
        Ok(SynNode {
            syn: Syn::RuleRef(id),
            span: Span {
                start,
                end: self.pos,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_calls_comparisons_and_sets() {
        let node =
            parse("all(not(parent_is_minor), x in {a, b}, count(s) >= 2, rule(BW-KENMERKEN))")
                .unwrap();
        let Syn::Call { name, args } = node.syn else {
            panic!()
        };
        assert_eq!(name, "all");
        assert_eq!(args.len(), 4);
        assert!(matches!(args[1].syn, Syn::In { .. }));
        assert!(matches!(args[2].syn, Syn::Compare { op: CmpOp::Ge, .. }));
        assert_eq!(args[3].syn, Syn::RuleRef("BW-KENMERKEN".into()));
    }

    #[test]
    fn comments_and_trailing_commas() {
        let node = parse("all(\n  a, # k1\n  b,   # k2\n)").unwrap();
        let Syn::Call { args, .. } = node.syn else {
            panic!()
        };
        assert_eq!(args.len(), 2);
    }

    #[test]
    fn negative_numbers_and_params() {
        let node = parse("days >= -30").unwrap();
        let Syn::Compare { rhs, .. } = node.syn else {
            panic!()
        };
        assert_eq!(rhs.syn, Syn::Atom(Atom::Number(-30.0)));
        assert!(parse("x < $limit").is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "not(".repeat(10_000) + "a" + &")".repeat(10_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("dieper genest"));
    }

    #[test]
    fn errors_point_at_the_offending_offset() {
        let err = parse("all(a, b").unwrap_err();
        assert_eq!(err.offset, 8);
        let err = parse("all(a b)").unwrap_err();
        assert_eq!(err.offset, 6, "points at the unexpected 'b'");
        assert!(err.message.contains("','"));
    }
}
