//! What a parser knows about a questionnaire edition's form, as opposed to any one country's
//! answers to it. A web-form export prints a closed question's options as bare lines and never
//! shows which was ticked; it prints sub-headings between questions with nothing to tell them
//! from an answer's last paragraph. Only the form itself can settle those, so each known form
//! lists its sections, its sub-headings, and its closed questions with their options. A form
//! nobody has described still parses: see `webform` for the fallbacks.

/// A questionnaire form: one edition of the MSQ as its web form prints it.
pub struct Form {
    pub edition: u16,
    /// Lettered sections, in order.
    pub sections: &'static [(&'static str, &'static str)],
    /// Lines printed between questions: sub-headings and lead-ins.
    pub subheadings: &'static [&'static str],
    /// Closed questions and the options the form prints for them, in order.
    pub choices: &'static [(u32, &'static [&'static str])],
}

impl Form {
    pub fn options(&self, question: u32) -> Option<&'static [&'static str]> {
        self.choices
            .iter()
            .find(|(n, _)| *n == question)
            .map(|(_, o)| *o)
    }

    pub fn is_subheading(&self, line: &str) -> bool {
        let l = super::scan::fold(line);
        self.subheadings.iter().any(|h| super::scan::fold(h) == l)
    }

    /// How many of the form's section titles a document prints.
    fn matching_sections(&self, titles: &[String]) -> usize {
        self.sections
            .iter()
            .filter(|(_, t)| {
                let t = super::scan::fold(t);
                titles.iter().any(|x| super::scan::fold(x) == t)
            })
            .count()
    }
}

const YES_NO: &[&str] = &["Yes", "No"];

/// The 2022 MSQ web form (Microsoft Forms export).
pub static MSQ_2022: Form = Form {
    edition: 2022,
    sections: &[
        ("A", "Institutional / Organizational Framework"),
        ("B", "COVID-19 Response and Recovery"),
        ("C", "Legal Framework"),
        ("D", "Strategy and Implementation"),
        ("E", "Digital Inclusion and E-Participation"),
        ("F", "Usage, User Satisfaction and Evaluation"),
        ("G", "Other information"),
    ],
    subheadings: &[
        "Contact information",
        "Contact information of national Chief Information Officer (CIO) or equivalent",
        "Multiple and/or networked CIOs or equivalent across Government Ministries",
        "Sectoral agencies/departments/ministries",
        "Please provide names and URLs of the government agencies/departments/ministries at the national level in charge of the following",
        "COVID-19 response",
        "Please provide information where relevant:",
        "Consent to publish this Questionnaire",
    ],
    choices: &[
        (
            6,
            &[
                "I am authorized and fully knowledgeable to respond to this questionnaire.",
                "A group of government agencies responded to the questionnaire collectively.",
                "I am authorized but I did not have the full information to respond to this questionnaire",
                "I mostly provided my own opinion/assessment rather than official information.",
                "Other",
            ],
        ),
        (14, YES_NO),
        (19, YES_NO),
        (30, &["Yes", "No", "Other"]),
        (32, YES_NO),
        (34, YES_NO),
        (36, YES_NO),
        (38, YES_NO),
        (40, YES_NO),
        (42, YES_NO),
        (44, YES_NO),
        (46, YES_NO),
        (48, YES_NO),
        (50, YES_NO),
        (52, YES_NO),
        (54, YES_NO),
        (56, YES_NO),
        (
            57,
            &["Two-year", "Three-year", "Five-year", "Ten-year", "Other"],
        ),
        (58, YES_NO),
        (60, YES_NO),
        (62, YES_NO),
        (64, YES_NO),
        (66, YES_NO),
        (68, YES_NO),
        (70, YES_NO),
        (72, YES_NO),
        (74, YES_NO),
        (81, YES_NO),
        (83, YES_NO),
        (85, YES_NO),
        (87, YES_NO),
        (89, YES_NO),
        (91, YES_NO),
        (93, YES_NO),
        (95, YES_NO),
        (97, YES_NO),
        (99, YES_NO),
        (102, YES_NO),
        (104, YES_NO),
        (106, YES_NO),
        (108, YES_NO),
        (112, YES_NO),
    ],
};

pub static WEB_FORMS: &[&Form] = &[&MSQ_2022];

/// The known form whose section titles a document prints, if at least four of them match.
pub fn recognise(section_titles: &[String]) -> Option<&'static Form> {
    WEB_FORMS
        .iter()
        .map(|f| (f.matching_sections(section_titles), *f))
        .filter(|(n, _)| *n >= 4)
        .max_by_key(|(n, _)| *n)
        .map(|(_, f)| f)
}

/// The label used for the option that takes typed text.
pub const OTHER: &str = "Other";
