//! Where the time of a build goes.

/// How long each stage of a build took: `loa build --timings` and the
/// benchmarks print them, to show where time goes.
#[derive(Debug, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, std::time::Duration)>,
    lap: std::time::Instant,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            stages: Vec::new(),
            lap: std::time::Instant::now(),
        }
    }
}

impl Timings {
    /// Ends `stage`, which began when the last one ended.
    pub fn lap(&mut self, stage: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push((stage, now - self.lap));
        self.lap = now;
    }

    /// Adds `part`, timed by the caller, of the stage that just ended: a
    /// line of its own, whose time is already in that stage's.
    pub fn part(&mut self, part: &'static str, took: std::time::Duration) {
        self.stages.push((part, took));
    }

    /// Adds `stage`, timed by the caller, before the others.
    pub fn prepend(&mut self, stage: &'static str, took: std::time::Duration) {
        self.stages.insert(0, (stage, took));
    }

    pub fn stages(&self) -> &[(&'static str, std::time::Duration)] {
        &self.stages
    }
}

/// A stage's name as `--timings` prints it, in the reader's language; a
/// stage this list does not know keeps the name the code gave it.
pub fn stage_name(stage: &'static str) -> crate::messages::Message {
    use crate::messages::msg;
    match stage {
        "load" => msg!("stage.load"),
        "read changed files" => msg!("stage.read-changed"),
        "validate" => msg!("stage.validate"),
        "lint" => msg!("stage.lint"),
        "index" => msg!("stage.index"),
        "index: search" => msg!("stage.search"),
        "pictures" => msg!("stage.pictures"),
        "links" => msg!("stage.links"),
        "render: summaries" => msg!("stage.summaries"),
        "render: fingerprints" => msg!("stage.fingerprints"),
        "render: templates and writes" => msg!("stage.templates"),
        "render: stale files" => msg!("stage.stale"),
        "copy static files" => msg!("stage.static"),
        "swap in the new site" => msg!("stage.swap"),
        "remove the previous site" => msg!("stage.remove"),
        other => msg!("stage.other", name = other),
    }
}
