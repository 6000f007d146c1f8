//! The Kleene (three-valued) evaluator, the trace of a rule, blocking facts and ranked questions.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::facts::{CaseFacts, FactId, FactKind, Priority, Value};

use super::dsl::CmpOp;
use super::expr::{Expr, FactRef, Node, Operand, Ref, RuleKey};
use super::model::{Builtin, DerivedRule, Rule, RuleSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    pub fn from_bool(b: bool) -> Tri {
        if b { Tri::True } else { Tri::False }
    }

    /// The status word used in JSON and tests.
    pub fn status(self) -> &'static str {
        match self {
            Tri::True => "applies",
            Tri::False => "not",
            Tri::Unknown => "unknown",
        }
    }
}

impl std::ops::Not for Tri {
    type Output = Tri;

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// Which branch of a menu-rule is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BranchPick {
    /// The rule has no branches, or does not apply.
    None,
    Chosen(usize),
    /// An earlier branch is still unknown; these branches are still possible.
    Open(Vec<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    status: Tri,
    branch: BranchPick,
}

impl Outcome {
    fn decided(&self) -> bool {
        self.status != Tri::Unknown && !matches!(self.branch, BranchPick::Open(_))
    }

    /// Whether `other` (the outcome with one more answer) settles what is open in `self`: the
    /// status while it is unknown, else the branch. A fact that decides the status counts even if
    /// the branch then still waits for another fact.
    fn resolved_by(&self, other: &Outcome) -> bool {
        if self.status == Tri::Unknown {
            other.status != Tri::Unknown
        } else {
            other.decided()
        }
    }
}

#[derive(Clone, Debug)]
pub struct ConflictHit {
    pub with: usize,
    pub register: Option<String>,
}

#[derive(Clone, Debug)]
pub struct RuleResult {
    /// Index into `RuleSet::rules`.
    pub rule: usize,
    pub status: Tri,
    pub branch: BranchPick,
    /// Indices of the notes shown.
    pub notes: Vec<usize>,
    pub judgement: bool,
    pub conflicts: Vec<ConflictHit>,
    /// Unknown input facts whose answer would decide the rule (or its branch).
    pub blocking: Vec<FactId>,
    /// Route steps already done.
    pub route_done: Vec<&'static str>,
}

#[derive(Clone, Debug)]
pub struct Question {
    pub fact: FactId,
    pub priority: Priority,
    /// Rules (indices into `RuleSet::rules`) that an answer would decide.
    pub settles: Vec<usize>,
    /// How many of those are decided whichever way the question is answered.
    pub settles_either_way: usize,
    /// Rules whose outcome would change (facts that are read with a protective default).
    pub changes: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Evaluation {
    pub date: NaiveDate,
    /// Every rule in force, in catalogue order.
    pub results: Vec<RuleResult>,
    pub questions: Vec<Question>,
}

impl Evaluation {
    pub fn result_for(&self, rule: usize) -> Option<&RuleResult> {
        self.results.iter().find(|r| r.rule == rule)
    }

    pub fn by_id<'a>(&'a self, set: &RuleSet, id: &str) -> Option<&'a RuleResult> {
        self.results.iter().find(|r| set.rules[r.rule].id == id)
    }
}

/// Evaluates a rule set for one meeting date.
pub struct Engine<'a> {
    pub set: &'a RuleSet,
    pub date: NaiveDate,
    active: Vec<Option<usize>>,
    /// Facts whose answer can change a decided rule (protective defaults, known()).
    nonmonotone: Vec<bool>,
}

impl<'a> Engine<'a> {
    pub fn new(set: &'a RuleSet, date: NaiveDate) -> Self {
        let active = (0..set.ids.len())
            .map(|k| set.active_version(k as RuleKey, date))
            .collect();
        let mut nonmonotone: Vec<bool> = set
            .vocabulary
            .facts
            .iter()
            .map(|f| f.unknown_as.is_some())
            .collect();
        for rule in &set.rules {
            for (f, _) in &rule.unknown_as {
                nonmonotone[*f as usize] = true;
            }
            let mut mark = |node: &Node| mark_known(node, set, &mut nonmonotone);
            mark(&rule.when.node);
            for b in &rule.branches {
                if let Some(c) = &b.when {
                    mark(&c.node);
                }
            }
        }
        for d in &set.derived {
            if let DerivedRule::When { node, .. } = &d.rule {
                mark_known(node, set, &mut nonmonotone);
            }
        }
        Engine {
            set,
            date,
            active,
            nonmonotone,
        }
    }

    /// Indices of the rules in force on the meeting date, in catalogue order.
    pub fn rules_in_force(&self) -> impl Iterator<Item = usize> + '_ {
        self.active.iter().filter_map(|a| *a)
    }

    fn pass<'p>(&'p self, facts: &'p CaseFacts, over: Option<(FactId, &'p Value)>) -> Pass<'p> {
        Pass {
            engine: self,
            facts,
            over,
            status: vec![None; self.set.ids.len()],
            derived: vec![None; self.set.derived.len()],
        }
    }

    /// Status of one rule (by index), with its branch, notes and conflicts, without the
    /// question analysis. Used by rule tests and the trace view.
    pub fn evaluate_rule(&self, facts: &CaseFacts, rule: usize) -> RuleResult {
        let mut pass = self.pass(facts, None);
        let mut result = pass.result(rule);
        result.conflicts = pass.conflicts(rule);
        if !result.conflicts.is_empty() && result.status == Tri::True {
            result.judgement = true;
        }
        // blocking facts for this rule alone
        let outcome = Outcome {
            status: result.status,
            branch: result.branch.clone(),
        };
        if !outcome.decided() {
            let r = &self.set.rules[rule];
            for &f in &r.deps {
                if facts.get(f).is_some() {
                    continue;
                }
                if self.set.candidates[f as usize].iter().any(|v| {
                    let mut p = self.pass(facts, Some((f, v)));
                    outcome.resolved_by(&p.outcome(rule))
                }) {
                    result.blocking.push(f);
                }
            }
        }
        result
    }

    /// The status of one rule with one hypothetical answer added to the case.
    pub fn status_with(
        &self,
        facts: &CaseFacts,
        rule: usize,
        over: Option<(FactId, &Value)>,
    ) -> Tri {
        let mut pass = self.pass(facts, over);
        pass.outcome(rule).status
    }

    /// Full evaluation of a case: every rule in force, conflicts, blocking facts and questions.
    pub fn evaluate(&self, facts: &CaseFacts) -> Evaluation {
        let set = self.set;
        let mut pass = self.pass(facts, None);
        let in_force: Vec<usize> = self.rules_in_force().collect();
        let mut results: Vec<RuleResult> = in_force.iter().map(|&i| pass.result(i)).collect();
        // conflicts are symmetric: collect from both sides
        let mut hits: Vec<(usize, ConflictHit)> = Vec::new();
        for r in &results {
            for hit in pass.conflicts(r.rule) {
                hits.push((
                    hit.with,
                    ConflictHit {
                        with: r.rule,
                        register: hit.register.clone(),
                    },
                ));
                hits.push((r.rule, hit));
            }
        }
        for (rule, hit) in hits {
            if let Some(res) = results.iter_mut().find(|r| r.rule == rule)
                && !res.conflicts.iter().any(|c| c.with == hit.with)
            {
                res.conflicts.push(hit);
                res.judgement = true;
            }
        }
        let position: Vec<Option<usize>> = {
            let mut pos = vec![None; set.rules.len()];
            for (p, r) in results.iter().enumerate() {
                pos[r.rule] = Some(p);
            }
            pos
        };
        let outcomes: Vec<Outcome> = results
            .iter()
            .map(|r| Outcome {
                status: r.status,
                branch: r.branch.clone(),
            })
            .collect();

        let mut questions = Vec::new();
        for f in 0..set.vocabulary.len() {
            let f = f as FactId;
            if facts.get(f).is_some() {
                continue;
            }
            if let Some(c) = &set.ask_when[f as usize]
                && pass.eval(&c.node, &[]) != Tri::True
            {
                continue;
            }
            let relevant: Vec<usize> = set.rules_by_fact[f as usize]
                .iter()
                .filter_map(|&i| position[i])
                .collect();
            if relevant.is_empty() {
                continue;
            }
            let nonmonotone = self.nonmonotone[f as usize];
            let watched: Vec<usize> = relevant
                .iter()
                .copied()
                .filter(|&p| nonmonotone || !outcomes[p].decided())
                .collect();
            if watched.is_empty() {
                continue;
            }
            let candidates = &set.candidates[f as usize];
            let mut decided_count = vec![0usize; watched.len()];
            let mut changed = vec![false; watched.len()];
            for v in candidates {
                let mut p = self.pass(facts, Some((f, v)));
                for (w, &pos) in watched.iter().enumerate() {
                    let o = p.outcome(results[pos].rule);
                    let base = &outcomes[pos];
                    if base.decided() {
                        if o != *base {
                            changed[w] = true;
                        }
                    } else if base.resolved_by(&o) {
                        decided_count[w] += 1;
                    }
                }
            }
            let mut settles = Vec::new();
            let mut either_way = 0;
            let mut changes = Vec::new();
            for (w, &pos) in watched.iter().enumerate() {
                let rule = results[pos].rule;
                if outcomes[pos].decided() {
                    if changed[w] {
                        changes.push(rule);
                    }
                } else if decided_count[w] > 0 {
                    settles.push(rule);
                    results[pos].blocking.push(f);
                    if decided_count[w] == candidates.len() {
                        either_way += 1;
                    }
                }
            }
            let priority = set.vocabulary.def(f).priority;
            if !settles.is_empty() || !changes.is_empty() || priority == Priority::Safety {
                questions.push(Question {
                    fact: f,
                    priority,
                    settles,
                    settles_either_way: either_way,
                    changes,
                });
            }
        }
        questions.sort_by_key(|q| {
            (
                q.priority,
                q.settles.is_empty(),
                std::cmp::Reverse(q.settles_either_way),
                std::cmp::Reverse(q.settles.len()),
                std::cmp::Reverse(q.changes.len()),
                q.fact,
            )
        });
        Evaluation {
            date: self.date,
            results,
            questions,
        }
    }

    /// The value of any fact (input or derived) for display, or None when unknown.
    pub fn fact_value(&self, facts: &CaseFacts, fact: FactRef) -> Option<Value> {
        self.pass(facts, None).value(fact, &[])
    }

    pub fn derived_value(&self, facts: &CaseFacts, name: &str) -> Option<Value> {
        let i = self.set.derived.iter().position(|d| d.name == name)?;
        self.fact_value(facts, FactRef::Derived(i as u16))
    }

    /// The evaluation tree of a rule's condition (and its branches and notes), for the pane.
    pub fn trace(&self, facts: &CaseFacts, rule: usize) -> Trace {
        let mut pass = self.pass(facts, None);
        let r = &self.set.rules[rule];
        let when = pass.trace_node(&r.when.node, &r.when.text, &r.unknown_as);
        let branches = r
            .branches
            .iter()
            .map(|b| {
                b.when
                    .as_ref()
                    .map(|c| pass.trace_node(&c.node, &c.text, &r.unknown_as))
            })
            .collect();
        let notes = r
            .notes
            .iter()
            .map(|n| pass.trace_node(&n.when.node, &n.when.text, &r.unknown_as))
            .collect();
        Trace {
            when,
            branches,
            notes,
        }
    }
}

fn mark_known(node: &Node, set: &RuleSet, out: &mut [bool]) {
    match &node.expr {
        Expr::Known(FactRef::Input(f)) => out[*f as usize] = true,
        Expr::Known(FactRef::Derived(d)) => {
            for f in &set.derived[*d as usize].inputs {
                out[*f as usize] = true;
            }
        }
        Expr::All(items) | Expr::Any(items) => items.iter().for_each(|n| mark_known(n, set, out)),
        Expr::Not(inner) => mark_known(inner, set, out),
        _ => {}
    }
}

#[derive(Clone, Debug)]
pub struct TraceNode {
    /// The source text of this sub-condition.
    pub text: String,
    pub value: Tri,
    /// For a fact test: the value used, in Dutch ("16 jaar", "onbekend", "onbekend, telt als nee").
    pub detail: Option<String>,
    pub children: Vec<TraceNode>,
}

#[derive(Clone, Debug)]
pub struct Trace {
    pub when: TraceNode,
    pub branches: Vec<Option<TraceNode>>,
    pub notes: Vec<TraceNode>,
}

/// One evaluation pass over a case, optionally with one hypothetical answer. Rule statuses and
/// derived facts are cached for the pass.
struct Pass<'p> {
    engine: &'p Engine<'p>,
    facts: &'p CaseFacts,
    over: Option<(FactId, &'p Value)>,
    status: Vec<Option<Tri>>,
    derived: Vec<Option<Option<Value>>>,
}

impl<'p> Pass<'p> {
    fn given(&self, f: FactId) -> Option<&'p Value> {
        if let Some((o, v)) = self.over
            && o == f
        {
            return Some(v);
        }
        self.facts.get(f)
    }

    /// The value a rule reads: the given value, else the rule's own protective reading, else the
    /// fact's protective default, else unknown.
    fn input(&self, f: FactId, defaults: &'p [(FactId, Value)]) -> Option<&'p Value> {
        self.given(f)
            .or_else(|| defaults.iter().find(|(d, _)| *d == f).map(|(_, v)| v))
            .or_else(|| self.engine.set.vocabulary.def(f).unknown_as.as_ref())
    }

    fn value(&mut self, fact: FactRef, defaults: &'p [(FactId, Value)]) -> Option<Value> {
        match fact {
            FactRef::Input(f) => self.input(f, defaults).cloned(),
            FactRef::Derived(d) => self.derived(d as usize),
        }
    }

    fn derived(&mut self, d: usize) -> Option<Value> {
        if let Some(cached) = &self.derived[d] {
            return cached.clone();
        }
        let set = self.engine.set;
        let value = match &set.derived[d].rule {
            DerivedRule::When { node, .. } => match self.eval(node, &[]) {
                Tri::True => Some(Value::Bool(true)),
                Tri::False => Some(Value::Bool(false)),
                Tri::Unknown => None,
            },
            DerivedRule::Builtin(b) => self.builtin(*b),
        };
        self.derived[d] = Some(value.clone());
        value
    }

    fn named(&self, name: &str) -> Option<&'p Value> {
        let id = self.engine.set.vocabulary.id(name)?;
        self.input(id, &[])
    }

    fn builtin(&mut self, b: Builtin) -> Option<Value> {
        match b {
            Builtin::MinChildAgeYears => {
                let ages = match self.named("children_ages_years")? {
                    Value::List(l) => l.clone(),
                    _ => return None,
                };
                let index_age = match self.named("child_born") {
                    Some(Value::Bool(true)) => match self.named("index_child_age_months") {
                        Some(Value::Number(m)) => Some(m / 12.0),
                        _ => return None,
                    },
                    Some(Value::Bool(false)) => None,
                    _ => return None,
                };
                let min = ages
                    .iter()
                    .copied()
                    .chain(index_age)
                    .fold(f64::INFINITY, f64::min);
                Some(Value::Number(min))
            }
            Builtin::ExpectedBirthInDays => match self.named("days_until_due_date") {
                Some(Value::Number(d)) => Some(Value::Number(*d)),
                _ => match self.named("pregnancy_weeks") {
                    Some(Value::Number(w)) => Some(Value::Number((40.0 - w) * 7.0)),
                    _ => None,
                },
            },
            // The signing date is not an input fact; sessions record it with the case.
            Builtin::AanvraagDate => None,
            Builtin::PersoonlijkPlanDeadline => match self.named("melding_date") {
                Some(Value::Date(d)) => Some(Value::Date(add_workdays(*d, 7))),
                _ => None,
            },
        }
    }

    fn rule_status(&mut self, key: RuleKey) -> Tri {
        if let Some(t) = self.status[key as usize] {
            return t;
        }
        let t = match self.engine.active[key as usize] {
            None => Tri::False,
            Some(i) => {
                let rule: &'p Rule = &self.engine.set.rules[i];
                self.eval(&rule.when.node, &rule.unknown_as)
            }
        };
        self.status[key as usize] = Some(t);
        t
    }

    fn eval(&mut self, node: &'p Node, defaults: &'p [(FactId, Value)]) -> Tri {
        match &node.expr {
            Expr::Const(b) => Tri::from_bool(*b),
            Expr::All(items) => {
                let mut unknown = false;
                for n in items {
                    match self.eval(n, defaults) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => unknown = true,
                        Tri::True => {}
                    }
                }
                if unknown { Tri::Unknown } else { Tri::True }
            }
            Expr::Any(items) => {
                let mut unknown = false;
                for n in items {
                    match self.eval(n, defaults) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => unknown = true,
                        Tri::False => {}
                    }
                }
                if unknown { Tri::Unknown } else { Tri::False }
            }
            Expr::Not(inner) => !self.eval(inner, defaults),
            Expr::Known(fact) => Tri::from_bool(match fact {
                FactRef::Input(f) => self.given(*f).is_some(),
                FactRef::Derived(d) => self.derived(*d as usize).is_some(),
            }),
            Expr::Rule(key) => self.rule_status(*key),
            Expr::Truthy(fact) => match self.value(*fact, defaults) {
                Some(Value::Bool(b)) => Tri::from_bool(b),
                _ => Tri::Unknown,
            },
            Expr::Compare { fact, op, rhs } => {
                let Some(a) = self.value(*fact, defaults) else {
                    return Tri::Unknown;
                };
                let b = match rhs {
                    Operand::Value(v) => v.clone(),
                    Operand::Fact(other) => match self.value(*other, defaults) {
                        Some(v) => v,
                        None => return Tri::Unknown,
                    },
                };
                compare(&a, *op, &b)
            }
            Expr::CountCompare { fact, op, n } => {
                match self.value(*fact, defaults).and_then(|v| v.count()) {
                    Some(c) => Tri::from_bool(op.holds(c as f64, *n)),
                    None => Tri::Unknown,
                }
            }
            Expr::InSet { fact, mask } => match self.value(*fact, defaults) {
                Some(Value::Enum(i)) => Tri::from_bool(mask & (1 << i) != 0),
                _ => Tri::Unknown,
            },
            Expr::HasAny { fact, mask } => match self.value(*fact, defaults) {
                Some(Value::Set(bits)) => Tri::from_bool(bits & mask != 0),
                _ => Tri::Unknown,
            },
            Expr::HasAll { fact, mask } => match self.value(*fact, defaults) {
                Some(Value::Set(bits)) => Tri::from_bool(bits & mask == *mask),
                _ => Tri::Unknown,
            },
            Expr::HasTag { fact, tags, all } => match self.value(*fact, defaults) {
                Some(Value::Tags(have)) => {
                    let found = |t: &String| have.iter().any(|h| h.eq_ignore_ascii_case(t));
                    Tri::from_bool(if *all {
                        tags.iter().all(found)
                    } else {
                        tags.iter().any(found)
                    })
                }
                _ => Tri::Unknown,
            },
            Expr::Empty(fact) => match self.value(*fact, defaults).and_then(|v| v.count()) {
                Some(c) => Tri::from_bool(c == 0),
                None => Tri::Unknown,
            },
        }
    }

    fn outcome(&mut self, rule: usize) -> Outcome {
        let r: &'p Rule = &self.engine.set.rules[rule];
        let status = self.rule_status(r.key);
        let branch = if status == Tri::True && !r.branches.is_empty() {
            self.pick_branch(r)
        } else {
            BranchPick::None
        };
        Outcome { status, branch }
    }

    fn pick_branch(&mut self, r: &'p Rule) -> BranchPick {
        let mut open = Vec::new();
        for (i, b) in r.branches.iter().enumerate() {
            let t = match &b.when {
                None => Tri::True,
                Some(c) => self.eval(&c.node, &r.unknown_as),
            };
            match t {
                Tri::True if open.is_empty() => return BranchPick::Chosen(i),
                Tri::True => {
                    open.push(i);
                    return BranchPick::Open(open);
                }
                Tri::Unknown => open.push(i),
                Tri::False => {}
            }
        }
        if open.is_empty() {
            BranchPick::None
        } else {
            BranchPick::Open(open)
        }
    }

    fn result(&mut self, rule: usize) -> RuleResult {
        let r: &'p Rule = &self.engine.set.rules[rule];
        let Outcome { status, branch } = self.outcome(rule);
        let mut notes = Vec::new();
        let mut judgement = false;
        let mut route_done = Vec::new();
        for (i, n) in r.notes.iter().enumerate() {
            let t = self.eval(&n.when.node, &r.unknown_as);
            if t == Tri::True || (t == Tri::Unknown && n.show_when_unknown) {
                notes.push(i);
                judgement |= n.judgement && status == Tri::True;
            }
        }
        if status == Tri::True {
            judgement |= r.judgement;
            if let Some(c) = &r.judgement_when {
                judgement |= self.eval(&c.node, &r.unknown_as) == Tri::True;
            }
            match &branch {
                BranchPick::Chosen(i) => judgement |= r.branches[*i].judgement,
                BranchPick::Open(_) | BranchPick::None => {}
            }
            let chosen_advice = match &branch {
                BranchPick::Chosen(i) => r.branches[*i].advice.as_ref(),
                _ => None,
            };
            if let Some(advice) = chosen_advice.or(r.advice.as_ref()) {
                for (party, c) in &advice.route_done {
                    if self.eval(&c.node, &r.unknown_as) == Tri::True {
                        route_done.push(*party);
                    }
                }
            }
        }
        RuleResult {
            rule,
            status,
            branch,
            notes,
            judgement,
            conflicts: Vec::new(),
            blocking: Vec::new(),
            route_done,
        }
    }

    /// Conflicts declared on `rule` that are active: both rules apply (and the condition holds).
    fn conflicts(&mut self, rule: usize) -> Vec<ConflictHit> {
        let r: &'p Rule = &self.engine.set.rules[rule];
        if r.conflicts.is_empty() || self.rule_status(r.key) != Tri::True {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for c in &r.conflicts {
            if self.rule_status(c.with) != Tri::True {
                continue;
            }
            if let Some(w) = &c.when
                && self.eval(&w.node, &r.unknown_as) != Tri::True
            {
                continue;
            }
            if let Some(other) = self.engine.active[c.with as usize] {
                hits.push(ConflictHit {
                    with: other,
                    register: c.register.clone(),
                });
            }
        }
        hits
    }

    fn fact_detail(&mut self, fact: FactRef, defaults: &'p [(FactId, Value)]) -> String {
        let set = self.engine.set;
        match fact {
            FactRef::Input(f) => {
                let name = &set.vocabulary.def(f).name;
                match (self.given(f), self.input(f, defaults)) {
                    (Some(v), _) => format!("{name} = {}", set.vocabulary.display(f, v)),
                    (None, Some(v)) => {
                        format!("{name} onbekend, telt als {}", set.vocabulary.display(f, v))
                    }
                    (None, None) => format!("{name} onbekend"),
                }
            }
            FactRef::Derived(d) => {
                let name = set.derived[d as usize].name.clone();
                match self.derived(d as usize) {
                    Some(Value::Bool(b)) => format!("{name} = {}", if b { "ja" } else { "nee" }),
                    Some(Value::Number(n)) if n.is_infinite() => format!("{name}: geen kinderen"),
                    Some(Value::Number(n)) => {
                        format!("{name} = {}", crate::facts::format_number(n))
                    }
                    Some(Value::Date(d)) => format!("{name} = {}", d.format("%d-%m-%Y")),
                    Some(_) => name,
                    None => format!("{name} onbekend"),
                }
            }
        }
    }

    fn trace_node(
        &mut self,
        node: &'p Node,
        text: &str,
        defaults: &'p [(FactId, Value)],
    ) -> TraceNode {
        let snippet = text.get(node.span.start..node.span.end).unwrap_or("");
        let mut children = Vec::new();
        let mut detail = None;
        // Children first, so that a connective's value follows from them without evaluating twice.
        let value = match &node.expr {
            Expr::All(items) | Expr::Any(items) => {
                for n in items {
                    children.push(self.trace_node(n, text, defaults));
                }
                let is_all = matches!(node.expr, Expr::All(_));
                let (decisive, other) = if is_all {
                    (Tri::False, Tri::True)
                } else {
                    (Tri::True, Tri::False)
                };
                if children.iter().any(|c| c.value == decisive) {
                    decisive
                } else if children.iter().any(|c| c.value == Tri::Unknown) {
                    Tri::Unknown
                } else {
                    other
                }
            }
            Expr::Not(inner) => {
                children.push(self.trace_node(inner, text, defaults));
                !children[0].value
            }
            Expr::Rule(key) => {
                let value = self.eval(node, defaults);
                let set = self.engine.set;
                detail = Some(match self.engine.active[*key as usize] {
                    Some(i) => format!("regel {}: {}", set.rules[i].id, status_word(value)),
                    None => format!(
                        "regel {} is niet van kracht op deze datum",
                        set.ids[*key as usize]
                    ),
                });
                value
            }
            Expr::Const(_) => self.eval(node, defaults),
            _ => {
                let value = self.eval(node, defaults);
                let mut facts = Vec::new();
                node.visit(&mut |r| {
                    if let Ref::Fact(f) = r {
                        facts.push(f);
                    }
                });
                let parts: Vec<String> = facts
                    .into_iter()
                    .map(|f| self.fact_detail(f, defaults))
                    .collect();
                detail = Some(parts.join("; "));
                value
            }
        };
        TraceNode {
            text: squash(snippet),
            value,
            detail,
            children,
        }
    }
}

fn squash(text: &str) -> String {
    if !text.contains(['\n', '#']) {
        return text.to_string();
    }
    // drop comments and fold whitespace so a multi-line condition reads as one line
    let mut out = String::new();
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        out.push_str(code.trim());
        out.push(' ');
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
}

pub fn status_word(t: Tri) -> &'static str {
    match t {
        Tri::True => "van toepassing",
        Tri::False => "niet van toepassing",
        Tri::Unknown => "onbekend",
    }
}

fn compare(a: &Value, op: CmpOp, b: &Value) -> Tri {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Tri::from_bool(op.holds(*x, *y)),
        (Value::Date(x), Value::Date(y)) => Tri::from_bool(op.holds(*x, *y)),
        (Value::Bool(x), Value::Bool(y)) => Tri::from_bool(op.holds(*x, *y)),
        (Value::Enum(x), Value::Enum(y)) => Tri::from_bool(op.holds(*x, *y)),
        _ => Tri::Unknown,
    }
}

/// `days` working days (Monday to Friday) after `date`. Public holidays are not counted out:
/// the beleidsregel does not list them, so the chair checks a deadline that spans one.
pub fn add_workdays(date: NaiveDate, days: u32) -> NaiveDate {
    let mut d = date;
    let mut left = days;
    while left > 0 {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

/// The kind of fact, for callers that need to know how to ask it.
pub fn kind_of(set: &RuleSet, f: FactId) -> &FactKind {
    &set.vocabulary.def(f).kind
}
