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
    /// The whole printed text of each question's line, question 1 first, without its number
    /// and required mark: they find a question however a converter wrapped or joined it, and
    /// their opening words tell question 8 from an answer's paragraph that starts "8.".
    pub texts: &'static [&'static str],
    /// Questions whose text goes on in a bulleted sub-label line ("- E-services or similar"),
    /// with that line as printed, without its required mark.
    pub sublabel_texts: &'static [(u32, &'static str)],
    /// "Note:" lines the form prints, with the question they belong to, without "Note:".
    pub notes: &'static [(u32, &'static str)],
    /// Lines printed between questions (sub-headings and lead-ins), with the question they
    /// come before.
    pub subheadings: &'static [(u32, &'static str)],
    /// Closed questions and the options the form prints for them, in order.
    pub choices: &'static [(u32, &'static [&'static str])],
}

impl Form {
    /// True when `text` opens the way the form's question `n` does: with its first five words
    /// (all of them, for a shorter question).
    pub fn question_fits(&self, n: u32, text: &str) -> bool {
        let Some(printed) = self.text(n) else {
            return false;
        };
        let opening: Vec<&str> = printed.split_whitespace().take(5).collect();
        super::scan::fold(text).starts_with(&super::scan::fold(&opening.join(" ")))
    }

    /// The sub-label line that question `n`'s text goes on in, if it has one.
    pub fn sublabel(&self, n: u32) -> Option<&'static str> {
        self.sublabel_texts
            .iter()
            .find(|(q, _)| *q == n)
            .map(|(_, t)| *t)
    }

    /// The form prints `line` as a sub-heading before question `before`.
    pub fn is_subheading_before(&self, before: u32, line: &str) -> bool {
        let l = super::scan::fold(line);
        self.subheadings
            .iter()
            .any(|(n, h)| *n == before && super::scan::fold(h) == l)
    }

    /// The printed text of question `n`'s line.
    pub fn text(&self, n: u32) -> Option<&'static str> {
        n.checked_sub(1)
            .and_then(|i| self.texts.get(i as usize))
            .copied()
    }

    pub fn options(&self, question: u32) -> Option<&'static [&'static str]> {
        self.choices
            .iter()
            .find(|(n, _)| *n == question)
            .map(|(_, o)| *o)
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
    texts: &[
        "Country name",
        "Your name",
        "Title",
        "Organization",
        "Email",
        "Please select whichever applies",
        "What is the official e-government portal at the national level? If more than one exists, please list all.",
        "Please provide link(s) for portal(s) providing following services/features:",
        "Please provide link(s) for portal(s) providing following services/features:",
        "Please provide link(s) for portal(s) providing following services/features:",
        "Please provide link(s) for portal(s) providing following services/features:",
        "Please provide link(s) for portal(s) providing following services/features:",
        "Please provide name and link of the government agency/department/ministry at the national level in charge of e-government. If more than one exists, please list all.",
        "Does your country have a Chief Information Officer (CIO) or equivalent to manage its national e-government strategies/programmes?",
        "Name",
        "Title",
        "Organization",
        "Email",
        "Are there multiple and/or networked CIOs or equivalent positions across Government agencies/departments/ministries?",
        "Please provide link and detail on above, including coordination/integration between national and sub-national levels on e-government development.",
        "Planning/development",
        "Education",
        "Health",
        "Social Welfare (social inclusion, social protection, etc.)",
        "Employment and Labour",
        "Environment",
        "Justice",
        "Economy/finance",
        "Industry/trade",
        "Is there a specific national portal or a dedicated section addressing the COVID-19 pandemic?",
        "Please provide link(s) and more information about the specific national portal or dedicated section addressing the COVID-19 pandemic?",
        "Is there any specific budget allocated for new initiative/measure(s) of e-government in response to the COVID-19 pandemic and/or in supporting recovery?",
        "Please provide link and detail.",
        "Is there a specific post-COVID-19 digital strategy for recovery and allocation of public resources (e.g for digital transformation, digital inclusion)?",
        "Please provide link and detail.",
        "Is there any legislation, law or regulation on access to information such as Freedom of Information Act?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on data privacy and/or protection?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on cybersecurity or similar?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on digital identity?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on digital signature?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on e-procurement?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on digitally publishing government expenditure?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on data sharing/exchange/interoperability across government agencies?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on open government data?",
        "If yes, please provide link and detail.",
        "Is there any legislation, law or regulation on the use of new/emerging technologies such as artificial intelligence (AI), robotics, blockchains, 5G and Internet of Things (IoT)?",
        "If yes, please provide link(s) and detail(s).",
        "Is there a national e-government strategy or equivalent?",
        "How long is the period/cycle of the national e-government strategy or equivalent?",
        "Is the national e-government strategy guided by or aligned with the national development strategy?",
        "Please provide link and detail.",
        "Is the national e-government strategy guided by or aligned with the Sustainable Development Goals (SDGs)?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to or is aligned with sub-national/local e-government development strategy?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to e-participation, engagement and/or digital inclusion?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to a national data governance framework or similar?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to national digital identity?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to digital-by-default/digital-by-design/digital-first principle or similar?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to data-once-only principle or similar?",
        "Please provide link and detail.",
        "Does the national e-government strategy make specific reference to the use of new/emerging technologies such as artificial Intelligence (AI), robotics, blockchains, 5G and Internet of Things (IoT)?",
        "Artificial intelligence (AI) - please provide link and detail:",
        "Robotics - please provide link and detail:",
        "Blockchains - please provide link and detail:",
        "5G - please provide link and detail:",
        "Internet of Things (IoT) - please provide link and detail:",
        "Others - please provide link and detail:",
        "Is the national e-government strategy aligned to any regional or global guidelines, recommendations, goals (e.g. United Nations, African Union, European Union, OECD)?",
        "Please provide link and detail.",
        "Does the Government use any foresight tools, such as scenario planning, in visioning the future of digital government?",
        "Please provide link and detail.",
        "Does the Government have any measure in policy experimentation and/or regulatory sandboxes in using digital technologies?",
        "Please provide link and detail.",
        "Is there a national policy/strategy or similar in ensuring digital inclusion and leaving no one behind?",
        "If yes, please provide link and detail.",
        "Is there a national e-participation policy/strategy or similar?",
        "If yes, please provide link and detail.",
        "Does the Government provide any specific measure(s) to ensure meaningful connectivity/access to e-government services by women and other vulnerable groups?",
        "If yes, please provide link and detail.",
        "Does the Government provide any specific e-service(s) for women and other vulnerable groups?",
        "If yes, please provide link and detail.",
        "Does the Government provide any specific e-participation measure(s) for women and other vulnerable groups?",
        "If yes, please provide link and detail.",
        "Does the Government provide any specific measure(s) to build digital literacy/skills for women and other vulnerable groups?",
        "If yes, please provide link and detail.",
        "Does the Government use any social media platform(s)?",
        "If yes, please provide link and detail if social media is used for (i) e-information; (ii) e-consultation; and/or (iii) e-decision-making",
        "Please include any guidelines for government officials/institutions on the use of social media.",
        "Does the Government publish information on how people's voices, including those among women and the vulnerable groups, are included in policy decision-making?",
        "If yes, please provide link (URL) and detail.",
        "Does the Government monitor/collect usage statistics of e-government services?",
        "If yes, please provide link and detail.",
        "Does the Government measure user satisfaction of e-government services?",
        "If yes, please provide link and detail.",
        "Does the Government collect usage and/or user satisfaction data with disaggregation by gender?",
        "If yes, please provide link (URL) and detail.",
        "Please provide information about any ongoing global/regional partnership and/or digital cooperation, focusing on e-government and digital technologies (including North-South, South-South, triangular, regional, and international cooperation)",
        "Please provide any other information related to e-government development in your country.",
        "I/We authorize UN DESA to publish my/our responses as deemed necessary.",
    ],
    sublabel_texts: &[
        (8, "- E-services or similar"),
        (9, "- E-participation or similar"),
        (10, "- Open government data"),
        (11, "- Public procurement"),
        (12, "- Others (if any)"),
    ],
    notes: &[
        (
            7,
            "E-government and digital government are used interchangeably in this Questionnaire.",
        ),
        (48, "This is related to SDG Indicator 16.6.1"),
        (
            87,
            "Vulnerable groups include women, older people, youth, people with disabilities, migrants, minorities and others",
        ),
    ],
    subheadings: &[
        (2, "Contact information"),
        (
            15,
            "Contact information of national Chief Information Officer (CIO) or equivalent",
        ),
        (
            19,
            "Multiple and/or networked CIOs or equivalent across Government Ministries",
        ),
        (21, "Sectoral agencies/departments/ministries"),
        (
            21,
            "Please provide names and URLs of the government agencies/departments/ministries at the national level in charge of the following",
        ),
        (31, "COVID-19 response"),
        (57, "Please provide information where relevant:"),
        (112, "Consent to publish this Questionnaire"),
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

/// A questionnaire printed as a PDF form and read back by OCR: its wording, so that a
/// question, an option or a footnote can be found however a converter wrapped, joined or
/// reflowed the lines. The texts are the form's, as printed on every country's copy; matching
/// them allows for OCR's usual slips (see `layout::match_loose`).
pub struct PrintedForm {
    pub edition: u16,
    /// Roman-numbered section titles, section I first.
    pub sections: &'static [&'static str],
    /// Numbered questions: (number, text), in order; the contact section numbers from 1 again.
    pub questions: &'static [(u32, &'static str)],
    /// Lettered parts of a question: (question, labels).
    pub parts: &'static [(u32, &'static [&'static str])],
    /// Checklists printed one option to a line: (the question's place in `questions`, its
    /// options).
    pub checklists: &'static [(usize, &'static [&'static str])],
    /// Instructions printed under a checklist.
    pub instructions: &'static [&'static str],
    /// The opening words of each footnote.
    pub footnotes: &'static [&'static str],
    /// Lines of the title block and the closing page.
    pub furniture: &'static [&'static str],
}

/// The 2020 MSQ, a PDF form.
pub static MSQ_2020: PrintedForm = PrintedForm {
    edition: 2020,
    sections: &[
        "Institutional Framework",
        "Strategy and Implementation",
        "Legal Framework",
        "Usage of online services",
        "User satisfaction",
        "Social Media",
        "New Technologies",
        "Indicators",
        "International and Regional Cooperation",
        "Contact and Additional Information",
    ],
    questions: &[
        (
            1,
            "What is the official e-government portal at the national level? If more than one, please list all.",
        ),
        (
            2,
            "Please also provide URLs for below specific portals, if exists:",
        ),
        (
            3,
            "Please provide name(s) and URL(s) of the government agency/department/ministry at the national level in charge of e-government.",
        ),
        (
            4,
            "Does your country have a Chief Information Officer (CIO) to manage national cross-agency e-government programs/strategies?",
        ),
        (
            5,
            "Please provide names and URLs of the government agencies/ministries/departments at the national level in charge of the following:",
        ),
        (
            6,
            "Is there a national development strategy incorporating the Sustainable Development Goals (SDGs)? (Maximum 250 words)",
        ),
        (
            7,
            "Is there a national e-government strategy/digital readiness strategy or equivalent? (Maximum 250 words)",
        ),
        (8, "Please check whichever applies."),
        (9, "Is there any legal framework on:"),
        (
            10,
            "Do you collect usage statistics of e-government services?",
        ),
        (
            11,
            "If yes, do you publish results online and share those with the public institutions concerned? (Max. 250 words)",
        ),
        (
            12,
            "Do you measure satisfaction of citizens on e-government services?",
        ),
        (
            13,
            "If yes, do you publish results online and share those with the public institutions concerned? (Max. 250 words)",
        ),
        (
            14,
            "How does your government use social media at the national level to interact with and engage people in e-government activities? Please also explain if there were any guidelines for government officials on the use of social media. (Max. 250 words)",
        ),
        (
            15,
            "Does your government have a specific national strategy on one or more of following new technologies?",
        ),
        (
            16,
            "Does your government have any government body at the national level working specifically related to the new technologies? (Please explain further including relevant links. Maximum 250 words)",
        ),
        (
            17,
            "What is the percentage of the population satisfied with their last experience of online public services? (Max. 250 words)",
        ),
        (
            18,
            "What percentage of your GDP is allocated for ICT investment in the public sector? (Max. 250 words)",
        ),
        (
            19,
            "What is the proportion of persons employed in central government organizations routinely using ICTs? (Max. 250 words)",
        ),
        (
            20,
            "What is the proportion of persons employed in central government organizations routinely using the Internet? (Max. 250 words)",
        ),
        (
            21,
            "If any, what kind of indicators do you collect/use to track digital literacy at the national level? (Max. 250 words)",
        ),
        (
            22,
            "Is your government part of any sub-regional, regional or international cooperation on e-government? (Max. 250 words)",
        ),
        (
            23,
            "Is your government offering (or planning to offer) support to other countries in the area of e-government? (Max. 250 words)",
        ),
        (
            24,
            "Are there any ongoing public-private partnerships and multistakeholder partnerships, focusing on e-government? (Max. 250 words)",
        ),
        (1, "Please select whichever applies:"),
        (2, "How did you hear about this questionnaire?"),
    ],
    parts: &[
        (
            2,
            &[
                "E-services:",
                "E-participation:",
                "Open government data:",
                "Public procurement:",
                "Other major portals at the national level:",
            ],
        ),
        (
            5,
            &[
                "Planning and Development",
                "Education",
                "Health",
                "Social Protection and Welfare",
                "Employment and Decent Work",
                "Environment",
                "Energy/Water",
                "Finance/Taxation",
                "Industry/Trade",
            ],
        ),
    ],
    checklists: &[
        (
            7,
            &[
                "National e-government strategy or equivalent:",
                "has an implementation plan.",
                "is aligned with the national development strategy",
                "is aligned with the Sustainable Development Goals (SDGs).",
                "is aligned with sub-national/local digital development strategy.",
                "has an emphasis on digital-first principle",
                "has an emphasis on digital by default; digital by design; mobile-first principle",
                "has an emphasis on once-only (data) principle",
                "has an emphasis to ‘leave no one offline’ or to ‘leave no one behind’; or other specific measures to ensure e-government is accessible by the most vulnerable groups",
                "makes specific reference to e-participation, digital inclusion and/or engagement.",
                "makes specific reference to the use of social media in the government.",
                "makes specific reference to the use of new technologies such as artificial intelligence, blockchain, big data",
            ],
        ),
        (
            8,
            &[
                "access to information such as Freedom of Information Act",
                "personal data protection including digital security",
                "open government data",
                "digital identity",
                "digital certification/signature",
                "e-procurement",
                "digitally publishing government expenditure",
                "data interoperability",
                "digital government as a right",
            ],
        ),
        (
            24,
            &[
                "A group of government agencies responded to the questionnaire collectively.",
                "I am authorized and fully knowledgeable to respond to this questionnaire.",
                "I did not have the full information to respond to this questionnaire",
                "I mostly provided my own opinion/assessment rather than official information.",
            ],
        ),
        (
            25,
            &[
                "Directly from UN DESA",
                "From the Mission of my country to the United Nations",
                "United Nations E-Government Survey website",
            ],
        ),
    ],
    instructions: &[
        "(If any checked, please explain further. Maximum 250 words)",
        "(If any checked, please provide name of the legislation and links. Maximum 250 words)",
        "(Please explain further including relevant links. Maximum 250 words)",
    ],
    footnotes: &[
        "This questionnaire is conducted by the Division of Public Institutions",
        "E-government or digital government will be used interchangeably",
        "A specific portal where you can see the list of all online services",
        "E-Participation is about fostering civic engagement",
        "CIO or a similar senior official with a leadership role",
        "Related to SDG Indicator",
        "This can be an agency, cabinet, commission",
        "WSIS Action Line",
    ],
    furniture: &[
        "United Nations E-Government Survey 2020 - Member States Questionnaire (MSQ)",
        "I/We hereby authorize UNDESA to publish my/our responses as deemed necessary.",
        "Thank you for taking the time to fill out the Member States Questionnaire (MSQ) 2020.",
        "We appreciate your participation.",
    ],
};

pub static PRINTED_FORMS: &[&PrintedForm] = &[&MSQ_2020];
