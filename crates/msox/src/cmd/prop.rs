//! `msox prop find|list`: the [MS-OXPROPS] property registry (ms-oxprops).

use ms_oxcdata::PropertyTag;
use ms_oxprops::{Kind, PropertyDef};
use serde_json::{Value, json};

/// `msox prop [find|list] ...`: a name or tag alone is `find`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// `find` or `list`.
    #[command(subcommand)]
    pub cmd: Option<Cmd>,
    /// What to look up, as with `find` (`PidTagSubject`, `0x0037001F`,
    /// `PR_SUBJECT_W`, `PSETID_Appointment:0x820D`).
    pub query: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `msox prop find|list`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Look a property up by canonical or alternate name (`PidTagSubject`,
    /// `PR_SUBJECT_W`, `dispidApptStartWhole`), by tag (`0x0037001F`), by ID
    /// (`0x0037`), or by property set and LID / name
    /// (`PSETID_Appointment:0x820D`, `PS_PUBLIC_STRINGS:Keywords`).
    Find {
        /// What to look up.
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List properties whose canonical name, alternate names or area contain
    /// a text (case-insensitive); all of them without one.
    List {
        /// Text to look for.
        filter: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn parse_u32(s: &str) -> Option<u32> {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

/// Every entry matching a query (see [`Cmd::Find`]).
pub fn find(query: &str) -> Vec<&'static PropertyDef> {
    let q = query.trim();
    if let Some((set, rest)) = q.split_once(':').filter(|(s, _)| {
        ms_oxprops::set_by_name(s).is_some()
            || s.trim_matches(['{', '}']).parse::<ms_dtyp::Guid>().is_ok()
    }) {
        let guid =
            ms_oxprops::set_by_name(set).or_else(|| set.trim_matches(['{', '}']).parse().ok());
        if let Some(guid) = guid {
            let hit = match parse_u32(rest)
                .filter(|_| rest.starts_with("0x") || rest.chars().all(|c| c.is_ascii_digit()))
            {
                Some(lid) => ms_oxprops::by_lid(guid, lid),
                None => ms_oxprops::by_set_name(guid, rest),
            };
            return hit.into_iter().collect();
        }
    }
    let named: Vec<_> = ms_oxprops::all_by_name(q).collect();
    if !named.is_empty() {
        return named;
    }
    match parse_u32(q) {
        Some(v) if q.len() > 6 => {
            let tag = PropertyTag::from_u32(v);
            let exact: Vec<_> = ms_oxprops::all_by_tag(tag).collect();
            if exact.is_empty() {
                ms_oxprops::by_tag(tag).into_iter().collect()
            } else {
                exact
            }
        }
        Some(v) => u16::try_from(v)
            .map(|id| ms_oxprops::by_id(id).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The JSON form of one entry.
pub fn def_json(d: &PropertyDef) -> Value {
    let mut v = serde_json::Map::new();
    v.insert("canonical_name".into(), json!(d.canonical_name.as_str()));
    v.insert("type".into(), json!(d.type_name.as_str()));
    v.insert(
        "type_code".into(),
        json!(format!("0x{:04X}", d.prop_type.value())),
    );
    v.insert("area".into(), json!(d.area.as_str()));
    v.insert(
        "defining_reference".into(),
        json!(d.defining_reference.as_str()),
    );
    v.insert(
        "alternate_names".into(),
        json!(
            d.alternate_names
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
        ),
    );
    match d.kind {
        Kind::Tagged { id } => {
            v.insert("property_id".into(), json!(format!("0x{id:04X}")));
            v.insert(
                "tag".into(),
                json!(PropertyTag::new(id, d.prop_type).to_string()),
            );
        }
        Kind::Lid { set, lid } => {
            v.insert(
                "property_set".into(),
                json!(d.set_name().unwrap_or_default()),
            );
            v.insert("property_set_guid".into(), json!(set.to_string()));
            v.insert("lid".into(), json!(format!("0x{lid:08X}")));
        }
        Kind::Name { set, name } => {
            v.insert(
                "property_set".into(),
                json!(d.set_name().unwrap_or_default()),
            );
            v.insert("property_set_guid".into(), json!(set.to_string()));
            v.insert("name".into(), json!(name.as_str()));
        }
    }
    Value::Object(v)
}

fn line(d: &PropertyDef) -> String {
    let ident = match d.kind {
        Kind::Tagged { id } => PropertyTag::new(id, d.prop_type).to_string(),
        Kind::Lid { lid, .. } => format!("{}:0x{lid:04X}", d.set_name().unwrap_or("?")),
        Kind::Name { name, .. } => format!("{}:{name}", d.set_name().unwrap_or("?")),
    };
    format!(
        "{}\t{}\t{}\t{}",
        d.canonical_name, ident, d.type_name, d.area
    )
}

fn output(defs: &[&PropertyDef], as_json: bool) -> anyhow::Result<()> {
    if as_json {
        crate::cli::print_json(&Value::Array(defs.iter().map(|d| def_json(d)).collect()))
    } else {
        let mut s = String::new();
        for d in defs {
            s.push_str(&line(d));
            s.push('\n');
        }
        crate::cli::print(&s)
    }
}

/// Runs `msox prop ...`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    match (&args.cmd, &args.query) {
        (Some(c), _) => run_cmd(c),
        (None, Some(q)) => run_cmd(&Cmd::Find {
            query: q.clone(),
            json: args.json,
        }),
        (None, None) => Err(crate::cli::usage(
            "give a property name or tag (`msox prop PidTagSubject`), or `find` / `list`",
        )),
    }
}

fn run_cmd(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Find { query, json } => {
            let hits = find(query);
            if hits.is_empty() {
                anyhow::bail!("no MS-OXPROPS property matches {query:?}");
            }
            output(&hits, *json)
        }
        Cmd::List { filter, json } => {
            let f = filter.as_deref().map(str::to_lowercase);
            let hits: Vec<&PropertyDef> = ms_oxprops::ALL
                .iter()
                .filter(|d| match &f {
                    None => true,
                    Some(f) => {
                        d.canonical_name.to_lowercase().contains(f)
                            || d.area.to_lowercase().contains(f)
                            || d.alternate_names
                                .iter()
                                .any(|a| a.to_lowercase().contains(f))
                    }
                })
                .collect();
            output(&hits, *json)
        }
    }
}
