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

    /// Adds `stage`, timed by the caller, before the others.
    pub fn prepend(&mut self, stage: &'static str, took: std::time::Duration) {
        self.stages.insert(0, (stage, took));
    }

    pub fn stages(&self) -> &[(&'static str, std::time::Duration)] {
        &self.stages
    }
}
