//! The cross-edition topic table: which item of which edition answers "national portal",
//! "CIO", and so on. Questionnaires change between editions, so comparing item 7 with item 7
//! would be wrong; topics line answers up by meaning. Kept as data.

use crate::model::{Item, Response};

/// A portal kind, as `msq portals` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PortalKind {
    National,
    EServices,
    EParticipation,
    OpenData,
    Procurement,
    Other,
    Agency,
}

impl PortalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PortalKind::National => "national",
            PortalKind::EServices => "e-services",
            PortalKind::EParticipation => "e-participation",
            PortalKind::OpenData => "open-data",
            PortalKind::Procurement => "procurement",
            PortalKind::Other => "other",
            PortalKind::Agency => "agency",
        }
    }
}

/// Portal items per edition, in the order `msq portals` lists them.
const PORTALS: &[(u16, &[(PortalKind, &str)])] = &[
    (
        2022,
        &[
            (PortalKind::National, "7"),
            (PortalKind::EServices, "8"),
            (PortalKind::EParticipation, "9"),
            (PortalKind::OpenData, "10"),
            (PortalKind::Procurement, "11"),
            (PortalKind::Other, "12"),
            (PortalKind::Agency, "13"),
        ],
    ),
    (
        2020,
        &[
            (PortalKind::National, "1"),
            (PortalKind::EServices, "2a"),
            (PortalKind::EParticipation, "2b"),
            (PortalKind::OpenData, "2c"),
            (PortalKind::Procurement, "2d"),
            (PortalKind::Other, "2e"),
            (PortalKind::Agency, "3"),
        ],
    ),
];

/// The portal items of a response, with their kinds. For an edition the table does not know,
/// items are classified by their question text.
pub fn portals(response: &Response) -> Vec<(PortalKind, &Item)> {
    match PORTALS.iter().find(|(e, _)| *e == response.edition) {
        Some((_, rows)) if response.kind == crate::model::Kind::Questionnaire => rows
            .iter()
            .filter_map(|(kind, id)| response.item(id).map(|i| (*kind, i)))
            .collect(),
        Some(_) => Vec::new(),
        None => response
            .items()
            .filter(|i| !response.is_container(&i.id))
            .filter_map(|i| classify_portal(&i.question).map(|k| (k, i)))
            .collect(),
    }
}

/// A portal kind from question wording, for editions without a table row.
fn classify_portal(question: &str) -> Option<PortalKind> {
    let q = question.to_lowercase();
    if q.contains("in charge of e-government") {
        return Some(PortalKind::Agency);
    }
    if !q.contains("portal") {
        return None;
    }
    Some(if q.contains("e-participation") {
        PortalKind::EParticipation
    } else if q.contains("e-services") {
        PortalKind::EServices
    } else if q.contains("open government data") || q.contains("open data") {
        PortalKind::OpenData
    } else if q.contains("procurement") {
        PortalKind::Procurement
    } else if q.contains("national level") && q.contains("official") {
        PortalKind::National
    } else {
        PortalKind::Other
    })
}
