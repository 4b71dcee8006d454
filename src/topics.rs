//! The cross-edition topic table: which item of which edition answers "national portal",
//! "CIO", "data protection law", and so on. The questionnaire changes between editions, so
//! comparing item 38 with item 38 would be wrong; topics line answers up by meaning. The 2020
//! form asks about all laws in one checklist (item 9) and about its strategy in another (item
//! 8), so a topic can point at one line of a checklist.
//!
//! Kept as data: [`TOPICS`] maps each edition's items to topics, and [`UNMAPPED`] lists the items
//! deliberately left out, with the reason. A test checks that every item of every known edition
//! is in one or the other. Presentations have no fixed form; their questions map by wording,
//! and only where the wording clearly fits.

use crate::model::{Item, Kind, Response};

/// Where a topic is answered in one edition, or in one presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref<'a> {
    /// A whole item, by id.
    Item(&'a str),
    /// One line of a checklist item, by the opening words of its label as the form prints it.
    /// By words, not by position: a line that OCR lost must not shift the lines after it.
    Line(&'a str, &'a str),
}

impl<'a> Ref<'a> {
    pub fn item(self) -> &'a str {
        match self {
            Ref::Item(i) | Ref::Line(i, _) => i,
        }
    }
}

/// The line of a checklist item a label opening names: its index among the item's options.
pub fn find_line(item: &Item, opening: &str) -> Option<usize> {
    let opening = crate::ingest::scan::fold(opening);
    item.options
        .iter()
        .position(|o| crate::ingest::scan::fold(&o.label).starts_with(&opening))
}

#[derive(Debug)]
pub struct Topic {
    pub id: &'static str,
    pub group: &'static str,
    pub label: &'static str,
    /// Per questionnaire edition, where the topic is asked.
    pub editions: &'static [(u16, &'static [Ref<'static>])],
}

use Ref::{Item as I, Line as L};

const fn t(
    id: &'static str,
    group: &'static str,
    label: &'static str,
    editions: &'static [(u16, &'static [Ref<'static>])],
) -> Topic {
    Topic {
        id,
        group,
        label,
        editions,
    }
}

pub static TOPICS: &[Topic] = &[
    t(
        "portal.national",
        "Portals",
        "National portal",
        &[(2022, &[I("7")]), (2020, &[I("1")])],
    ),
    t(
        "portal.e-services",
        "Portals",
        "E-services portal",
        &[(2022, &[I("8")]), (2020, &[I("2a")])],
    ),
    t(
        "portal.e-participation",
        "Portals",
        "E-participation portal",
        &[(2022, &[I("9")]), (2020, &[I("2b")])],
    ),
    t(
        "portal.open-data",
        "Portals",
        "Open data portal",
        &[(2022, &[I("10")]), (2020, &[I("2c")])],
    ),
    t(
        "portal.procurement",
        "Portals",
        "Procurement portal",
        &[(2022, &[I("11")]), (2020, &[I("2d")])],
    ),
    t(
        "portal.other",
        "Portals",
        "Other portals",
        &[(2022, &[I("12")]), (2020, &[I("2e")])],
    ),
    t(
        "agency",
        "Portals",
        "Agency in charge of e-government",
        &[(2022, &[I("13")]), (2020, &[I("3")])],
    ),
    t(
        "cio",
        "CIO",
        "Chief Information Officer",
        &[
            (2022, &[I("14"), I("15"), I("16"), I("17"), I("18")]),
            (2020, &[I("4")]),
        ],
    ),
    t(
        "cio.network",
        "CIO",
        "Networked CIOs across ministries",
        &[(2022, &[I("19"), I("20")])],
    ),
    t(
        "ministry.planning",
        "Ministries",
        "Planning and development",
        &[(2022, &[I("21")]), (2020, &[I("5a")])],
    ),
    t(
        "ministry.education",
        "Ministries",
        "Education",
        &[(2022, &[I("22")]), (2020, &[I("5b")])],
    ),
    t(
        "ministry.health",
        "Ministries",
        "Health",
        &[(2022, &[I("23")]), (2020, &[I("5c")])],
    ),
    t(
        "ministry.social",
        "Ministries",
        "Social welfare and protection",
        &[(2022, &[I("24")]), (2020, &[I("5d")])],
    ),
    t(
        "ministry.employment",
        "Ministries",
        "Employment and labour",
        &[(2022, &[I("25")]), (2020, &[I("5e")])],
    ),
    t(
        "ministry.environment",
        "Ministries",
        "Environment",
        &[(2022, &[I("26")]), (2020, &[I("5f")])],
    ),
    t(
        "ministry.justice",
        "Ministries",
        "Justice",
        &[(2022, &[I("27")])],
    ),
    t(
        "ministry.energy-water",
        "Ministries",
        "Energy and water",
        &[(2020, &[I("5g")])],
    ),
    t(
        "ministry.finance",
        "Ministries",
        "Economy, finance and taxation",
        &[(2022, &[I("28")]), (2020, &[I("5h")])],
    ),
    t(
        "ministry.industry",
        "Ministries",
        "Industry and trade",
        &[(2022, &[I("29")]), (2020, &[I("5i")])],
    ),
    t(
        "covid.portal",
        "COVID-19",
        "COVID-19 portal",
        &[(2022, &[I("30"), I("31")])],
    ),
    t(
        "covid.budget",
        "COVID-19",
        "COVID-19 e-government budget",
        &[(2022, &[I("32"), I("33")])],
    ),
    t(
        "covid.strategy",
        "COVID-19",
        "Post-COVID-19 digital strategy",
        &[(2022, &[I("34"), I("35")])],
    ),
    t(
        "law.foi",
        "Laws",
        "Access to information",
        &[
            (2022, &[I("36"), I("37")]),
            (2020, &[L("9", "access to information")]),
        ],
    ),
    t(
        "law.data-protection",
        "Laws",
        "Data protection and privacy",
        &[
            (2022, &[I("38"), I("39")]),
            (2020, &[L("9", "personal data protection")]),
        ],
    ),
    t(
        "law.cybersecurity",
        "Laws",
        "Cybersecurity",
        &[
            (2022, &[I("40"), I("41")]),
            (2020, &[L("9", "personal data protection")]),
        ],
    ),
    t(
        "law.digital-identity",
        "Laws",
        "Digital identity",
        &[
            (2022, &[I("42"), I("43")]),
            (2020, &[L("9", "digital identity")]),
        ],
    ),
    t(
        "law.digital-signature",
        "Laws",
        "Digital signature",
        &[
            (2022, &[I("44"), I("45")]),
            (2020, &[L("9", "digital certification")]),
        ],
    ),
    t(
        "law.e-procurement",
        "Laws",
        "E-procurement",
        &[
            (2022, &[I("46"), I("47")]),
            (2020, &[L("9", "e-procurement")]),
        ],
    ),
    t(
        "law.expenditure",
        "Laws",
        "Publishing government expenditure",
        &[
            (2022, &[I("48"), I("49")]),
            (
                2020,
                &[L("9", "digitally publishing government expenditure")],
            ),
        ],
    ),
    t(
        "law.interoperability",
        "Laws",
        "Data sharing and interoperability",
        &[
            (2022, &[I("50"), I("51")]),
            (2020, &[L("9", "data interoperability")]),
        ],
    ),
    t(
        "law.open-data",
        "Laws",
        "Open government data",
        &[
            (2022, &[I("52"), I("53")]),
            (2020, &[L("9", "open government data")]),
        ],
    ),
    t(
        "law.emerging-tech",
        "Laws",
        "Emerging technologies",
        &[(2022, &[I("54"), I("55")])],
    ),
    t(
        "law.digital-right",
        "Laws",
        "Digital government as a right",
        &[(2020, &[L("9", "digital government as a right")])],
    ),
    t(
        "strategy.development",
        "Strategy",
        "National development strategy with the SDGs",
        &[(2020, &[I("6")])],
    ),
    t(
        "strategy.national",
        "Strategy",
        "National e-government strategy",
        &[(2022, &[I("56")]), (2020, &[I("7")])],
    ),
    t(
        "strategy.cycle",
        "Strategy",
        "Strategy period",
        &[(2022, &[I("57")])],
    ),
    t(
        "strategy.implementation-plan",
        "Strategy",
        "Implementation plan",
        &[(2020, &[L("8", "has an implementation plan")])],
    ),
    t(
        "strategy.development-alignment",
        "Strategy",
        "Aligned with the development strategy",
        &[
            (2022, &[I("58"), I("59")]),
            (
                2020,
                &[L("8", "is aligned with the national development strategy")],
            ),
        ],
    ),
    t(
        "strategy.sdgs",
        "Strategy",
        "Aligned with the SDGs",
        &[
            (2022, &[I("60"), I("61")]),
            (
                2020,
                &[L("8", "is aligned with the Sustainable Development Goals")],
            ),
        ],
    ),
    t(
        "strategy.subnational",
        "Strategy",
        "Sub-national strategies",
        &[
            (2022, &[I("62"), I("63")]),
            (2020, &[L("8", "is aligned with sub-national")]),
        ],
    ),
    t(
        "strategy.participation",
        "Strategy",
        "E-participation and inclusion in the strategy",
        &[
            (2022, &[I("64"), I("65")]),
            (
                2020,
                &[L("8", "makes specific reference to e-participation")],
            ),
        ],
    ),
    t(
        "strategy.data-governance",
        "Strategy",
        "Data governance framework",
        &[(2022, &[I("66"), I("67")])],
    ),
    t(
        "strategy.digital-identity",
        "Strategy",
        "Digital identity in the strategy",
        &[(2022, &[I("68"), I("69")])],
    ),
    t(
        "strategy.digital-first",
        "Strategy",
        "Digital first, by default, by design",
        &[
            (2022, &[I("70"), I("71")]),
            (
                2020,
                &[
                    L("8", "has an emphasis on digital-first"),
                    L("8", "has an emphasis on digital by default"),
                ],
            ),
        ],
    ),
    t(
        "strategy.once-only",
        "Strategy",
        "Once-only principle",
        &[
            (2022, &[I("72"), I("73")]),
            (2020, &[L("8", "has an emphasis on once-only")]),
        ],
    ),
    t(
        "strategy.global-alignment",
        "Strategy",
        "Aligned with regional or global guidelines",
        &[(2022, &[I("81"), I("82")])],
    ),
    t(
        "strategy.foresight",
        "Strategy",
        "Foresight tools",
        &[(2022, &[I("83"), I("84")])],
    ),
    t(
        "strategy.sandboxes",
        "Strategy",
        "Policy experimentation and sandboxes",
        &[(2022, &[I("85"), I("86")])],
    ),
    t(
        "new-tech",
        "New technologies",
        "New and emerging technologies",
        &[
            (
                2022,
                &[
                    I("74"),
                    I("75"),
                    I("76"),
                    I("77"),
                    I("78"),
                    I("79"),
                    I("80"),
                ],
            ),
            (
                2020,
                &[
                    I("15"),
                    I("16"),
                    L(
                        "8",
                        "makes specific reference to the use of new technologies",
                    ),
                ],
            ),
        ],
    ),
    t(
        "inclusion.policy",
        "Inclusion and participation",
        "Digital inclusion policy",
        &[
            (2022, &[I("87"), I("88")]),
            (2020, &[L("8", "has an emphasis to")]),
        ],
    ),
    t(
        "participation.policy",
        "Inclusion and participation",
        "E-participation policy",
        &[(2022, &[I("89"), I("90")])],
    ),
    t(
        "inclusion.connectivity",
        "Inclusion and participation",
        "Connectivity for women and vulnerable groups",
        &[(2022, &[I("91"), I("92")])],
    ),
    t(
        "inclusion.e-services",
        "Inclusion and participation",
        "E-services for vulnerable groups",
        &[(2022, &[I("93"), I("94")])],
    ),
    t(
        "participation.vulnerable",
        "Inclusion and participation",
        "E-participation of vulnerable groups",
        &[(2022, &[I("95"), I("96")])],
    ),
    t(
        "inclusion.digital-literacy",
        "Inclusion and participation",
        "Digital literacy",
        &[(2022, &[I("97"), I("98")]), (2020, &[I("21")])],
    ),
    t(
        "participation.voices",
        "Inclusion and participation",
        "People's voices in decisions",
        &[(2022, &[I("102"), I("103")])],
    ),
    t(
        "social-media",
        "Social media",
        "Government use of social media",
        &[
            (2022, &[I("99"), I("100"), I("101")]),
            (
                2020,
                &[
                    I("14"),
                    L("8", "makes specific reference to the use of social media"),
                ],
            ),
        ],
    ),
    t(
        "usage.statistics",
        "Usage",
        "Usage statistics",
        &[(2022, &[I("104"), I("105")]), (2020, &[I("10"), I("11")])],
    ),
    t(
        "usage.satisfaction",
        "Usage",
        "User satisfaction",
        &[
            (2022, &[I("106"), I("107")]),
            (2020, &[I("12"), I("13"), I("17")]),
        ],
    ),
    t(
        "usage.gender",
        "Usage",
        "Data by gender",
        &[(2022, &[I("108"), I("109")])],
    ),
    t(
        "indicators.ict-investment",
        "Indicators",
        "ICT investment in the public sector",
        &[(2020, &[I("18")])],
    ),
    t(
        "indicators.ict-use",
        "Indicators",
        "Civil servants using ICT and the Internet",
        &[(2020, &[I("19"), I("20")])],
    ),
    t(
        "cooperation",
        "Cooperation",
        "International cooperation and partnerships",
        &[(2022, &[I("110")]), (2020, &[I("22"), I("23"), I("24")])],
    ),
    t(
        "other-info",
        "Other",
        "Other information",
        &[(2022, &[I("111")])],
    ),
    t("lessons", "Presentations", "Lessons learned", &[]),
    t("challenges", "Presentations", "Challenges", &[]),
    t("recommendations", "Presentations", "Recommendations", &[]),
];

/// Items of each edition deliberately left out of every topic, and why.
pub static UNMAPPED: &[(u16, &[&str], &str)] = &[
    (2022, &["1"], "the country, a header field"),
    (
        2022,
        &["2", "3", "4", "5"],
        "the respondent's contact fields",
    ),
    (
        2022,
        &["6"],
        "the respondent's standing, not the country's answer",
    ),
    (2022, &["112"], "consent to publish"),
    (
        2020,
        &["2", "5"],
        "headings of their lettered parts, which are mapped",
    ),
    (
        2020,
        &["X.1"],
        "the respondent's standing, not the country's answer",
    ),
    (
        2020,
        &["X.2"],
        "how the respondent heard of the questionnaire",
    ),
];

/// Whether a topic filter names a topic: one rule for search's `topic:`, `compare --topic` and
/// the comparison's topics. A filter is a prefix of the id: "law.digital-signature", the group
/// "law", or as much of an id as has been typed.
pub fn matches(id: &str, filter: &str) -> bool {
    id.starts_with(filter)
}

/// A set of topics as a bit per entry of [`TOPICS`] (a test holds the table to 128).
pub fn mask<'a>(ids: impl IntoIterator<Item = &'a str>) -> u128 {
    ids.into_iter()
        .filter_map(|id| TOPICS.iter().position(|t| t.id == id))
        .fold(0, |m, k| m | 1 << k)
}

pub fn topic(id: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.id == id)
}

/// The editions the table knows.
pub fn known_edition(edition: u16) -> bool {
    TOPICS
        .iter()
        .any(|t| t.editions.iter().any(|(e, _)| *e == edition))
}

/// Presentation questions map by wording, where it clearly fits.
fn presentation_topic(question: &str) -> Option<&'static str> {
    let q = question.to_lowercase();
    if q.contains("lesson") {
        Some("lessons")
    } else if q.contains("challenge") {
        Some("challenges")
    } else if q.contains("recommend") {
        Some("recommendations")
    } else {
        None
    }
}

/// Where a response answers a topic: `None` when its edition does not ask it.
pub fn refs<'r>(topic: &Topic, response: &'r Response) -> Option<Vec<Ref<'r>>> {
    if response.kind == Kind::Presentation {
        let found: Vec<Ref> = response
            .items()
            .filter(|i| presentation_topic(&i.question) == Some(topic.id))
            .map(|i| Ref::Item(&i.id))
            .collect();
        return (!found.is_empty()).then_some(found);
    }
    topic
        .editions
        .iter()
        .find(|(e, _)| *e == response.edition)
        .map(|(_, refs)| refs.to_vec())
}

/// The topics an item of a response belongs to (directly or through one of its lines).
pub fn topics_of(response: &Response, item_id: &str) -> Vec<&'static str> {
    if response.kind == Kind::Presentation {
        return response
            .item(item_id)
            .and_then(|i| presentation_topic(&i.question))
            .into_iter()
            .collect();
    }
    TOPICS
        .iter()
        .filter(|t| {
            t.editions
                .iter()
                .any(|(e, refs)| *e == response.edition && refs.iter().any(|r| r.item() == item_id))
        })
        .map(|t| t.id)
        .collect()
}

/// Why an item of a response is deliberately left out of every topic, if it is. In a
/// questionnaire, the [`UNMAPPED`] table says; in a presentation, an unnumbered part (the
/// background, a closing slide) answers no question, and a numbered question whose wording fits
/// no topic is left out as such.
pub fn left_out(response: &Response, item: &Item) -> Option<&'static str> {
    if response.kind == Kind::Presentation {
        return if presentation_topic(&item.question).is_some() {
            None
        } else if item.number.is_empty() {
            Some("an unnumbered part of the talk, not an answer to a question")
        } else {
            Some("a discussion question whose wording fits no topic")
        };
    }
    unmapped_reason(response.edition, &item.id)
}

/// Why an item of a questionnaire edition is deliberately left out of every topic, if it is.
pub fn unmapped_reason(edition: u16, item_id: &str) -> Option<&'static str> {
    UNMAPPED
        .iter()
        .find(|(e, items, _)| *e == edition && items.contains(&item_id))
        .map(|(_, _, why)| *why)
}

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

    fn topic(self) -> &'static str {
        match self {
            PortalKind::National => "portal.national",
            PortalKind::EServices => "portal.e-services",
            PortalKind::EParticipation => "portal.e-participation",
            PortalKind::OpenData => "portal.open-data",
            PortalKind::Procurement => "portal.procurement",
            PortalKind::Other => "portal.other",
            PortalKind::Agency => "agency",
        }
    }
}

const PORTAL_KINDS: [PortalKind; 7] = [
    PortalKind::National,
    PortalKind::EServices,
    PortalKind::EParticipation,
    PortalKind::OpenData,
    PortalKind::Procurement,
    PortalKind::Other,
    PortalKind::Agency,
];

/// The portal items of a response, with their kinds, from the topic table. For an edition the
/// table does not know, items are classified by their question text.
pub fn portals(response: &Response) -> Vec<(PortalKind, &Item)> {
    if response.kind == Kind::Presentation {
        return Vec::new();
    }
    if known_edition(response.edition) {
        return PORTAL_KINDS
            .iter()
            .filter_map(|k| {
                let t = topic(k.topic())?;
                let refs = refs(t, response)?;
                let item = response.item(refs.first()?.item())?;
                Some((*k, item))
            })
            .collect();
    }
    response
        .items()
        .filter(|i| !response.is_container(&i.id))
        .filter_map(|i| classify_portal(&i.question).map(|k| (k, i)))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_has_a_bit_in_a_mask() {
        assert!(TOPICS.len() <= 128);
        assert_eq!(mask(["portal.national"]), 1);
        assert_eq!(
            mask(TOPICS.iter().map(|t| t.id)).count_ones() as usize,
            TOPICS.len()
        );
        assert!(matches("law.digital-signature", "law") && !matches("law.foi", "portal"));
    }
}
