//! STUB, replaced by the input branch.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Search,
    CountryFilter,
    TopicFilter,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    search: Vec<String>,
    walk: Option<usize>,
    draft: String,
}

impl History {
    pub fn default_path() -> Option<PathBuf> {
        None
    }
    pub fn load(_path: &Path) -> (History, Option<String>) {
        (History::default(), None)
    }
    pub fn push(&mut self, _kind: Kind, q: &str) {
        self.search.retain(|e| e != q);
        self.search.push(q.to_string());
    }
    pub fn older(&mut self, _kind: Kind, current: &str) -> Option<String> {
        let k = match self.walk {
            None => {
                self.draft = current.to_string();
                self.search.len().checked_sub(1)?
            }
            Some(k) => k.checked_sub(1)?,
        };
        self.walk = Some(k);
        self.search.get(k).cloned()
    }
    pub fn newer(&mut self, _kind: Kind, _current: &str) -> Option<String> {
        let k = self.walk? + 1;
        if k >= self.search.len() {
            self.walk = None;
            return Some(self.draft.clone());
        }
        self.walk = Some(k);
        self.search.get(k).cloned()
    }
    pub fn reset_walk(&mut self) {
        self.walk = None;
    }
    pub fn save(&self, _path: &Path) -> std::io::Result<()> {
        Ok(())
    }
}
