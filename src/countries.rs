//! The table of the 193 United Nations member states, with their names as the UN lists them on its member-states page and their ISO 3166-1 alpha-3 codes, plus the common short names people type (e.g. "Vietnam", "South Korea", "UK"), and helpers to look a state up by code or name and to spot one named in free text.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One UN member state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// The name as the UN lists it on its member-states page, e.g. "Bolivia (Plurinational State of)", "Türkiye", "Viet Nam", "Republic of Korea", "United Kingdom of Great Britain and Northern Ireland", "Côte d'Ivoire".
    pub name: &'static str,
    /// ISO 3166-1 alpha-3, upper case, e.g. "BOL".
    pub iso3: &'static str,
    /// Other names people commonly write, e.g. ["Bolivia"], ["Turkey"], ["Vietnam"], ["South Korea", "Korea"], ["United Kingdom", "UK", "Great Britain"], ["Ivory Coast", "Cote d'Ivoire"]. Empty slice when there is none.
    pub aliases: &'static [&'static str],
}

const fn c(name: &'static str, iso3: &'static str, aliases: &'static [&'static str]) -> Country {
    Country {
        name,
        iso3,
        aliases,
    }
}

/// All 193 member states, sorted by `name`.
pub static MEMBER_STATES: &[Country] = &[
    c("Afghanistan", "AFG", &[]),
    c("Albania", "ALB", &[]),
    c("Algeria", "DZA", &[]),
    c("Andorra", "AND", &[]),
    c("Angola", "AGO", &[]),
    c("Antigua and Barbuda", "ATG", &["Antigua & Barbuda"]),
    c("Argentina", "ARG", &[]),
    c("Armenia", "ARM", &[]),
    c("Australia", "AUS", &[]),
    c("Austria", "AUT", &[]),
    c("Azerbaijan", "AZE", &[]),
    c("Bahamas", "BHS", &["The Bahamas"]),
    c("Bahrain", "BHR", &[]),
    c("Bangladesh", "BGD", &[]),
    c("Barbados", "BRB", &[]),
    c("Belarus", "BLR", &[]),
    c("Belgium", "BEL", &[]),
    c("Belize", "BLZ", &[]),
    c("Benin", "BEN", &[]),
    c("Bhutan", "BTN", &[]),
    c(
        "Bolivia (Plurinational State of)",
        "BOL",
        &["Bolivia", "Plurinational State of Bolivia"],
    ),
    c(
        "Bosnia and Herzegovina",
        "BIH",
        &["Bosnia", "Bosnia-Herzegovina", "Bosnia & Herzegovina"],
    ),
    c("Botswana", "BWA", &[]),
    c("Brazil", "BRA", &[]),
    c("Brunei Darussalam", "BRN", &["Brunei"]),
    c("Bulgaria", "BGR", &[]),
    c("Burkina Faso", "BFA", &[]),
    c("Burundi", "BDI", &[]),
    c("Cabo Verde", "CPV", &["Cape Verde"]),
    c("Cambodia", "KHM", &[]),
    c("Cameroon", "CMR", &[]),
    c("Canada", "CAN", &[]),
    c("Central African Republic", "CAF", &[]),
    c("Chad", "TCD", &[]),
    c("Chile", "CHL", &[]),
    c("China", "CHN", &["People's Republic of China"]),
    c("Colombia", "COL", &[]),
    c("Comoros", "COM", &[]),
    c(
        "Congo",
        "COG",
        &[
            "Republic of the Congo",
            "Congo-Brazzaville",
            "Congo Brazzaville",
        ],
    ),
    c("Costa Rica", "CRI", &[]),
    c("Croatia", "HRV", &[]),
    c("Cuba", "CUB", &[]),
    c("Cyprus", "CYP", &[]),
    c("Czechia", "CZE", &["Czech Republic"]),
    c("Côte d'Ivoire", "CIV", &["Ivory Coast", "Cote d'Ivoire"]),
    c(
        "Democratic People's Republic of Korea",
        "PRK",
        &[
            "North Korea",
            "DPRK",
            "DPR Korea",
            "Korea, Democratic People's Republic of",
        ],
    ),
    c(
        "Democratic Republic of the Congo",
        "COD",
        &[
            "DR Congo",
            "DRC",
            "Congo-Kinshasa",
            "Congo Kinshasa",
            "Congo, Democratic Republic of the",
        ],
    ),
    c("Denmark", "DNK", &[]),
    c("Djibouti", "DJI", &[]),
    c("Dominica", "DMA", &[]),
    c("Dominican Republic", "DOM", &[]),
    c("Ecuador", "ECU", &[]),
    c("Egypt", "EGY", &[]),
    c("El Salvador", "SLV", &[]),
    c("Equatorial Guinea", "GNQ", &[]),
    c("Eritrea", "ERI", &[]),
    c("Estonia", "EST", &[]),
    c("Eswatini", "SWZ", &["Swaziland"]),
    c("Ethiopia", "ETH", &[]),
    c("Fiji", "FJI", &[]),
    c("Finland", "FIN", &[]),
    c("France", "FRA", &[]),
    c("Gabon", "GAB", &[]),
    c("Gambia", "GMB", &["The Gambia"]),
    c("Georgia", "GEO", &["Georgia (Country)"]),
    c("Germany", "DEU", &[]),
    c("Ghana", "GHA", &[]),
    c("Greece", "GRC", &[]),
    c("Grenada", "GRD", &[]),
    c("Guatemala", "GTM", &[]),
    c("Guinea", "GIN", &[]),
    c("Guinea-Bissau", "GNB", &["Guinea Bissau"]),
    c("Guyana", "GUY", &[]),
    c("Haiti", "HTI", &[]),
    c("Honduras", "HND", &[]),
    c("Hungary", "HUN", &[]),
    c("Iceland", "ISL", &[]),
    c("India", "IND", &[]),
    c("Indonesia", "IDN", &[]),
    c(
        "Iran (Islamic Republic of)",
        "IRN",
        &["Iran", "Islamic Republic of Iran"],
    ),
    c("Iraq", "IRQ", &[]),
    c("Ireland", "IRL", &[]),
    c("Israel", "ISR", &[]),
    c("Italy", "ITA", &[]),
    c("Jamaica", "JAM", &[]),
    c("Japan", "JPN", &[]),
    c("Jordan", "JOR", &[]),
    c("Kazakhstan", "KAZ", &[]),
    c("Kenya", "KEN", &[]),
    c("Kiribati", "KIR", &[]),
    c("Kuwait", "KWT", &[]),
    c("Kyrgyzstan", "KGZ", &["Kyrgyz Republic"]),
    c(
        "Lao People's Democratic Republic",
        "LAO",
        &["Laos", "Lao PDR"],
    ),
    c("Latvia", "LVA", &[]),
    c("Lebanon", "LBN", &[]),
    c("Lesotho", "LSO", &[]),
    c("Liberia", "LBR", &[]),
    c("Libya", "LBY", &[]),
    c("Liechtenstein", "LIE", &[]),
    c("Lithuania", "LTU", &[]),
    c("Luxembourg", "LUX", &[]),
    c("Madagascar", "MDG", &[]),
    c("Malawi", "MWI", &[]),
    c("Malaysia", "MYS", &[]),
    c("Maldives", "MDV", &[]),
    c("Mali", "MLI", &[]),
    c("Malta", "MLT", &[]),
    c("Marshall Islands", "MHL", &[]),
    c("Mauritania", "MRT", &[]),
    c("Mauritius", "MUS", &[]),
    c("Mexico", "MEX", &[]),
    c(
        "Micronesia (Federated States of)",
        "FSM",
        &["Micronesia", "Federated States of Micronesia"],
    ),
    c("Monaco", "MCO", &[]),
    c("Mongolia", "MNG", &[]),
    c("Montenegro", "MNE", &[]),
    c("Morocco", "MAR", &[]),
    c("Mozambique", "MOZ", &[]),
    c("Myanmar", "MMR", &["Burma"]),
    c("Namibia", "NAM", &[]),
    c("Nauru", "NRU", &[]),
    c("Nepal", "NPL", &[]),
    c(
        "Netherlands (Kingdom of the)",
        "NLD",
        &[
            "Netherlands",
            "The Netherlands",
            "Kingdom of the Netherlands",
            "Holland",
        ],
    ),
    c("New Zealand", "NZL", &[]),
    c("Nicaragua", "NIC", &[]),
    c("Niger", "NER", &[]),
    c("Nigeria", "NGA", &[]),
    c(
        "North Macedonia",
        "MKD",
        &[
            "Macedonia",
            "Republic of North Macedonia",
            "The former Yugoslav Republic of Macedonia",
        ],
    ),
    c("Norway", "NOR", &[]),
    c("Oman", "OMN", &[]),
    c("Pakistan", "PAK", &[]),
    c("Palau", "PLW", &[]),
    c("Panama", "PAN", &[]),
    c("Papua New Guinea", "PNG", &[]),
    c("Paraguay", "PRY", &[]),
    c("Peru", "PER", &[]),
    c("Philippines", "PHL", &[]),
    c("Poland", "POL", &[]),
    c("Portugal", "PRT", &[]),
    c("Qatar", "QAT", &[]),
    c(
        "Republic of Korea",
        "KOR",
        &["South Korea", "Korea", "Korea, Republic of"],
    ),
    c("Republic of Moldova", "MDA", &["Moldova"]),
    c("Romania", "ROU", &[]),
    c("Russian Federation", "RUS", &["Russia"]),
    c("Rwanda", "RWA", &[]),
    c(
        "Saint Kitts and Nevis",
        "KNA",
        &[
            "St Kitts and Nevis",
            "St. Kitts and Nevis",
            "Saint Kitts & Nevis",
        ],
    ),
    c("Saint Lucia", "LCA", &["St Lucia", "St. Lucia"]),
    c(
        "Saint Vincent and the Grenadines",
        "VCT",
        &[
            "St Vincent and the Grenadines",
            "St. Vincent and the Grenadines",
        ],
    ),
    c("Samoa", "WSM", &[]),
    c("San Marino", "SMR", &[]),
    c("Sao Tome and Principe", "STP", &["São Tomé and Príncipe"]),
    c("Saudi Arabia", "SAU", &[]),
    c("Senegal", "SEN", &[]),
    c("Serbia", "SRB", &[]),
    c("Seychelles", "SYC", &[]),
    c("Sierra Leone", "SLE", &[]),
    c("Singapore", "SGP", &[]),
    c("Slovakia", "SVK", &["Slovak Republic"]),
    c("Slovenia", "SVN", &[]),
    c("Solomon Islands", "SLB", &[]),
    c("Somalia", "SOM", &[]),
    c("South Africa", "ZAF", &[]),
    c("South Sudan", "SSD", &[]),
    c("Spain", "ESP", &[]),
    c("Sri Lanka", "LKA", &[]),
    c("Sudan", "SDN", &[]),
    c("Suriname", "SUR", &[]),
    c("Sweden", "SWE", &[]),
    c("Switzerland", "CHE", &[]),
    c("Syrian Arab Republic", "SYR", &["Syria"]),
    c("Tajikistan", "TJK", &[]),
    c("Thailand", "THA", &[]),
    c("Timor-Leste", "TLS", &["East Timor", "Timor Leste"]),
    c("Togo", "TGO", &[]),
    c("Tonga", "TON", &[]),
    c("Trinidad and Tobago", "TTO", &["Trinidad & Tobago"]),
    c("Tunisia", "TUN", &[]),
    c("Turkmenistan", "TKM", &[]),
    c("Tuvalu", "TUV", &[]),
    c("Türkiye", "TUR", &["Turkey", "Turkiye"]),
    c("Uganda", "UGA", &[]),
    c("Ukraine", "UKR", &[]),
    c("United Arab Emirates", "ARE", &["UAE"]),
    c(
        "United Kingdom of Great Britain and Northern Ireland",
        "GBR",
        &["United Kingdom", "UK", "U.K.", "Great Britain"],
    ),
    c("United Republic of Tanzania", "TZA", &["Tanzania"]),
    c(
        "United States of America",
        "USA",
        &["United States", "USA", "US", "U.S.", "U.S.A."],
    ),
    c("Uruguay", "URY", &[]),
    c("Uzbekistan", "UZB", &[]),
    c("Vanuatu", "VUT", &[]),
    c(
        "Venezuela (Bolivarian Republic of)",
        "VEN",
        &["Venezuela", "Bolivarian Republic of Venezuela"],
    ),
    c("Viet Nam", "VNM", &["Vietnam"]),
    c("Yemen", "YEM", &[]),
    c("Zambia", "ZMB", &[]),
    c("Zimbabwe", "ZWE", &[]),
];

/// Lower-cases `s`, maps curly and other look-alike apostrophes to `'`,
/// collapses runs of whitespace to one space and drops leading and trailing
/// whitespace.
fn normalize(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match ch {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => out.push('\''),
            _ => out.extend(ch.to_lowercase()),
        }
    }
    out
}

fn normalize_string(s: &str) -> String {
    normalize(s).into_iter().collect()
}

/// Map from normalized UN name, alias or ISO code to an index in `MEMBER_STATES`.
fn lookup_index() -> &'static HashMap<String, usize> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for (i, country) in MEMBER_STATES.iter().enumerate() {
            map.entry(normalize_string(country.name)).or_insert(i);
            for alias in country.aliases {
                map.entry(normalize_string(alias)).or_insert(i);
            }
            map.entry(normalize_string(country.iso3)).or_insert(i);
        }
        map
    })
}

/// Normalized phrases that may be matched in free text, with their country index.
/// The names and aliases matched in free text, keyed by their first word, so that a scan only
/// tries the names that start with the word in front of it.
type TermsByFirstWord = HashMap<String, Vec<(Vec<char>, usize)>>;

fn text_terms() -> &'static TermsByFirstWord {
    static TERMS: OnceLock<TermsByFirstWord> = OnceLock::new();
    TERMS.get_or_init(|| {
        let mut terms = TermsByFirstWord::new();
        let mut add = |term: Vec<char>, i: usize| {
            let first: String = term.iter().take_while(|c| c.is_alphanumeric()).collect();
            terms.entry(first).or_default().push((term, i));
        };
        for (i, country) in MEMBER_STATES.iter().enumerate() {
            add(normalize(country.name), i);
            for alias in country.aliases {
                // Abbreviations such as "UK", "U.S." or "UAE" are too easily
                // found by accident in free text; they are for `lookup` only.
                if alias.chars().filter(|ch| ch.is_alphanumeric()).count() > 3 {
                    add(normalize(alias), i);
                }
            }
        }
        terms
    })
}

/// ISO 3166-1 alpha-2 code of each member state, by alpha-3 code, sorted by alpha-3.
static ALPHA2: &[(&str, &str)] = &[
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FRA", "FR"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GHA", "GH"),
    ("GIN", "GN"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GTM", "GT"),
    ("GUY", "GY"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IND", "IN"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("NAM", "NA"),
    ("NER", "NE"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("QAT", "QA"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

impl Country {
    /// ISO 3166-1 alpha-2, upper case, e.g. "AZ" for Azerbaijan.
    pub fn alpha2(&self) -> &'static str {
        ALPHA2
            .binary_search_by(|(iso3, _)| (*iso3).cmp(self.iso3))
            .map_or("", |i| ALPHA2[i].1)
    }
}

/// The member state a filter's text names by its ISO code, alpha-3 or alpha-2, in any case:
/// "ca", "KHM". A code wins over the names it begins ("ca" is Canada, though Cambodia begins
/// with it); [`code_note`] says so.
pub fn by_code(text: &str) -> Option<&'static Country> {
    by_iso3(text).or_else(|| by_alpha2(text))
}

/// What a list's hint line says when a filter's text is a state's code and also begins other
/// names shown: "\"ca\" is Canada's code (CA): Canada is chosen; Cabo Verde, Cambodia, …
/// begin with it too". `None` when no other name begins with it.
pub fn code_note(text: &str, state: &Country, names: &[&str]) -> Option<String> {
    let q = crate::ingest::scan::fold(text.trim());
    let mut others: Vec<&str> = Vec::new();
    for n in names {
        if *n != state.name && crate::ingest::scan::fold(n).starts_with(&q) && !others.contains(n) {
            others.push(n);
        }
    }
    if others.is_empty() {
        return None;
    }
    let verb = if others.len() == 1 { "begins" } else { "begin" };
    let more = others.len() > 3;
    others.truncate(3);
    Some(format!(
        "\"{}\" is {}'s code ({}): {} is chosen; {}{} {verb} with it too",
        text.trim(),
        state.name,
        text.trim().to_uppercase(),
        state.name,
        others.join(", "),
        if more { ", …" } else { "" }
    ))
}

/// Case-insensitive lookup by ISO alpha-2 code.
pub fn by_alpha2(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    let (iso3, _) = ALPHA2
        .iter()
        .find(|(_, alpha2)| alpha2.eq_ignore_ascii_case(code))?;
    by_iso3(iso3)
}

/// Case-insensitive lookup by ISO alpha-3 code.
pub fn by_iso3(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    MEMBER_STATES
        .iter()
        .find(|country| country.iso3.eq_ignore_ascii_case(code))
}

/// Case-insensitive exact lookup by UN name, any alias, or ISO alpha-3 code. Surrounding whitespace is ignored; internal runs of whitespace count as one space; straight and curly apostrophes are equivalent; accents are NOT folded except that the ASCII spellings given as aliases match (e.g. "Turkiye" should be an alias of Türkiye, "Cote d'Ivoire" of Côte d'Ivoire).
pub fn lookup(name: &str) -> Option<&'static Country> {
    let key = normalize_string(name);
    if key.is_empty() {
        return None;
    }
    lookup_index().get(&key).and_then(|&i| MEMBER_STATES.get(i))
}

/// The member-state names in `text`, in order: at each word, the longest name that starts
/// there, as (its length, the country's index); a match is read past, not into.
fn name_matches(text: &str) -> Vec<(usize, usize)> {
    let hay = normalize(text);
    let terms = text_terms();
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < hay.len() {
        if !hay[pos].is_alphanumeric() {
            pos += 1;
            continue;
        }
        let end = hay[pos..]
            .iter()
            .position(|c| !c.is_alphanumeric())
            .map_or(hay.len(), |n| pos + n);
        let word: String = hay[pos..end].iter().collect();
        let mut best: Option<(usize, usize)> = None;
        for (term, idx) in terms.get(&word).map(Vec::as_slice).unwrap_or_default() {
            let len = term.len();
            let fits = hay.get(pos..pos + len).is_some_and(|h| h == &term[..]);
            let after_ok = hay.get(pos + len).is_none_or(|ch| !ch.is_alphanumeric());
            if fits && after_ok && best.is_none_or(|(best_len, _)| len > best_len) {
                best = Some((len, *idx));
            }
        }
        match best {
            Some((len, _)) => {
                found.extend(best);
                pos += len.max(1);
            }
            None => pos = end,
        }
    }
    found
}

/// Every member state that `text` names, with how many times.
pub fn count_in_text(text: &str) -> Vec<(&'static Country, usize)> {
    let mut counts: Vec<(&'static Country, usize)> = Vec::new();
    for c in name_matches(text)
        .into_iter()
        .filter_map(|(_, i)| MEMBER_STATES.get(i))
    {
        match counts.iter_mut().find(|(k, _)| k.iso3 == c.iso3) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts
}

/// Finds the member state named in a line of free text, matching the UN name or an alias as a whole word/phrase, case-insensitively (a match must not be preceded or followed by a letter or digit). When several match, prefer the longest match (so "Democratic People's Republic of Korea" beats "Republic of Korea", and "Republic of Korea" beats "Korea"); ties go to the earliest position. Do not match 2-3 letter aliases like "UK"/"USA"/"UAE" in free text (they are only for `lookup`), and do not match ISO codes in free text.
pub fn find_in_text(text: &str) -> Option<&'static Country> {
    name_matches(text)
        .into_iter()
        .fold(None, |best: Option<(usize, usize)>, (len, i)| match best {
            Some((b, _)) if b >= len => best,
            _ => Some((len, i)),
        })
        .and_then(|(_, i)| MEMBER_STATES.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_state_has_its_own_alpha2_code() {
        let codes: HashSet<&str> = MEMBER_STATES.iter().map(Country::alpha2).collect();
        assert_eq!(codes.len(), MEMBER_STATES.len());
        assert!(codes.iter().all(|c| c.len() == 2));
        assert_eq!(by_alpha2("mn").map(|c| c.iso3), Some("MNG"));
        assert_eq!(by_alpha2("KH").map(|c| c.iso3), Some("KHM"));
        assert_eq!(by_alpha2(" tj ").map(|c| c.iso3), Some("TJK"));
        assert_eq!(
            by_alpha2("GB").map(|c| c.name),
            by_iso3("GBR").map(|c| c.name)
        );
        assert!(by_alpha2("ZZ").is_none());
        assert!(by_alpha2("AZE").is_none());
    }

    fn iso(c: Option<&'static Country>) -> Option<&'static str> {
        c.map(|c| c.iso3)
    }

    #[test]
    fn table_has_193_entries() {
        assert_eq!(MEMBER_STATES.len(), 193);
    }

    #[test]
    fn names_and_codes_are_unique_and_well_formed() {
        let names: HashSet<_> = MEMBER_STATES.iter().map(|c| c.name).collect();
        let codes: HashSet<_> = MEMBER_STATES.iter().map(|c| c.iso3).collect();
        assert_eq!(names.len(), 193);
        assert_eq!(codes.len(), 193);
        for c in MEMBER_STATES {
            assert_eq!(c.iso3.len(), 3, "{}", c.name);
            assert!(c.iso3.bytes().all(|b| b.is_ascii_uppercase()), "{}", c.name);
        }
    }

    #[test]
    fn table_is_sorted_by_name() {
        for w in MEMBER_STATES.windows(2) {
            assert!(w[0].name < w[1].name, "{} !< {}", w[0].name, w[1].name);
        }
    }

    #[test]
    fn no_key_names_two_countries() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for c in MEMBER_STATES {
            let mut keys: Vec<String> = vec![normalize_string(c.name), normalize_string(c.iso3)];
            keys.extend(c.aliases.iter().map(|a| normalize_string(a)));
            for k in keys {
                if let Some(other) = seen.insert(k.clone(), c.iso3) {
                    assert_eq!(other, c.iso3, "key {k:?} is ambiguous");
                }
            }
        }
    }

    #[test]
    fn every_name_alias_and_code_looks_up_to_itself() {
        for c in MEMBER_STATES {
            assert_eq!(lookup(c.name), Some(c));
            assert_eq!(lookup(c.iso3), Some(c));
            assert_eq!(by_iso3(&c.iso3.to_lowercase()), Some(c));
            for a in c.aliases {
                assert_eq!(lookup(a), Some(c), "{a}");
            }
        }
    }

    #[test]
    fn lookup_examples() {
        assert_eq!(iso(lookup("azerbaijan")), Some("AZE"));
        assert_eq!(iso(lookup("TJK")), Some("TJK"));
        assert_eq!(iso(lookup("tjk")), Some("TJK"));
        assert_eq!(iso(lookup("mongolia ")), Some("MNG"));
        assert_eq!(iso(lookup("Vietnam")), Some("VNM"));
        assert_eq!(iso(lookup("south korea")), Some("KOR"));
        assert_eq!(iso(lookup("  south \t korea ")), Some("KOR"));
        assert_eq!(iso(lookup("Turkiye")), Some("TUR"));
        assert_eq!(iso(lookup("TÜRKIYE")), Some("TUR"));
        assert_eq!(iso(lookup("Cote d\u{2019}Ivoire")), Some("CIV"));
        assert_eq!(
            iso(lookup("Lao People\u{2019}s Democratic Republic")),
            Some("LAO")
        );
        assert_eq!(iso(lookup("uk")), Some("GBR"));
        assert_eq!(iso(lookup("Netherlands")), Some("NLD"));
        assert_eq!(lookup("Kosovo"), None);
        assert_eq!(lookup("Holy See"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("   "), None);
        assert_eq!(
            by_iso3("bol").map(|c| c.name),
            Some("Bolivia (Plurinational State of)")
        );
        assert_eq!(by_iso3("XXX"), None);
    }

    #[test]
    fn find_in_text_examples() {
        assert_eq!(
            iso(find_in_text("[ Tajikistan ] [ 31.07.2019 ]")),
            Some("TJK")
        );
        assert_eq!(
            iso(find_in_text(
                "Dilshat Saitov Head/Division ... Management Center Uzbekistan"
            )),
            Some("UZB")
        );
        assert_eq!(
            iso(find_in_text("Democratic People's Republic of Korea")),
            Some("PRK")
        );
        assert_eq!(iso(find_in_text("the Republic of Korea")), Some("KOR"));
        assert_eq!(iso(find_in_text("Korea")), Some("KOR"));
        assert_eq!(iso(find_in_text("Nigeria")), Some("NGA"));
        assert_eq!(iso(find_in_text("Niger")), Some("NER"));
        assert_eq!(iso(find_in_text("Sudan")), Some("SDN"));
        assert_eq!(iso(find_in_text("South Sudan")), Some("SSD"));
        assert_eq!(find_in_text("no country here, UK"), None);
        assert_eq!(find_in_text("in the USA and UAE, code TJK"), None);
        assert_eq!(iso(find_in_text("Guinea-Bissau")), Some("GNB"));
        assert_eq!(iso(find_in_text("Equatorial Guinea")), Some("GNQ"));
        assert_eq!(iso(find_in_text("Papua New Guinea")), Some("PNG"));
        assert_eq!(iso(find_in_text("Guinea")), Some("GIN"));
        assert_eq!(iso(find_in_text("Dominican Republic")), Some("DOM"));
        assert_eq!(iso(find_in_text("Dominica")), Some("DMA"));
        assert_eq!(
            iso(find_in_text("Democratic Republic of the Congo")),
            Some("COD")
        );
        assert_eq!(iso(find_in_text("Republic of the Congo")), Some("COG"));
        assert_eq!(
            iso(find_in_text("CÔTE D\u{2019}IVOIRE, Abidjan")),
            Some("CIV")
        );
        assert_eq!(iso(find_in_text("Mali and Somalia")), Some("SOM"));
        assert_eq!(iso(find_in_text("Chad, Peru")), Some("TCD"));
        assert_eq!(find_in_text("Nigerian"), None);
        assert_eq!(find_in_text(""), None);
    }

    #[test]
    fn every_name_is_found_in_text() {
        for c in MEMBER_STATES {
            let line = format!("Ministry of ICT, {}. 2019", c.name);
            assert_eq!(find_in_text(&line), Some(c), "{}", c.name);
        }
    }
}
