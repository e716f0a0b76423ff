//! `msox nspi decode`: the NDR stub data of the NSPI address book methods
//! ([MS-OXNSPI] / [MS-NSPI]) and of the two referral methods of
//! [MS-OXABREF].

use std::path::PathBuf;

use ms_oxnspi::*;
use msox_codec::Decode;
use serde::Serialize;
use serde_json::Value;

use crate::json as show;

/// `msox nspi ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode the stub data of one call (what follows the RPC PDU header).
    Decode {
        /// The method: NspiBind, NspiQueryRows, ... (the `Nspi` prefix and
        /// case optional: `bind`, `queryrows`), RfrGetNewDSA,
        /// RfrGetFQDNFromServerDN.
        #[arg(long, value_name = "NAME")]
        method: String,
        /// The request (in-parameters).
        #[arg(
            long,
            conflicts_with = "response",
            required_unless_present = "response"
        )]
        request: bool,
        /// The response (out-parameters and the return value).
        #[arg(long)]
        response: bool,
        /// The stub data (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

type Decoder = fn(&[u8]) -> anyhow::Result<Value>;

fn dec<T: for<'a> Decode<'a> + Serialize>(bytes: &[u8]) -> anyhow::Result<Value> {
    let d = T::decode_bytes(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    let mut v = show::to_json(&d.value);
    show::name_error_codes(&mut v);
    Ok(v)
}

/// Every method: its name, request decoder, response decoder.
const METHODS: &[(&str, Decoder, Decoder)] = &[
    ("NspiBind", dec::<NspiBindRequest>, dec::<NspiBindResponse>),
    (
        "NspiUnbind",
        dec::<NspiUnbindRequest>,
        dec::<NspiUnbindResponse>,
    ),
    (
        "NspiUpdateStat",
        dec::<NspiUpdateStatRequest>,
        dec::<NspiUpdateStatResponse>,
    ),
    (
        "NspiQueryRows",
        dec::<NspiQueryRowsRequest>,
        dec::<NspiQueryRowsResponse>,
    ),
    (
        "NspiSeekEntries",
        dec::<NspiSeekEntriesRequest>,
        dec::<NspiSeekEntriesResponse>,
    ),
    (
        "NspiGetMatches",
        dec::<NspiGetMatchesRequest>,
        dec::<NspiGetMatchesResponse>,
    ),
    (
        "NspiResortRestriction",
        dec::<NspiResortRestrictionRequest>,
        dec::<NspiResortRestrictionResponse>,
    ),
    (
        "NspiDNToMId",
        dec::<NspiDnToMIdRequest>,
        dec::<NspiDnToMIdResponse>,
    ),
    (
        "NspiGetPropList",
        dec::<NspiGetPropListRequest>,
        dec::<NspiGetPropListResponse>,
    ),
    (
        "NspiGetProps",
        dec::<NspiGetPropsRequest>,
        dec::<NspiGetPropsResponse>,
    ),
    (
        "NspiCompareMIds",
        dec::<NspiCompareMIdsRequest>,
        dec::<NspiCompareMIdsResponse>,
    ),
    (
        "NspiModProps",
        dec::<NspiModPropsRequest>,
        dec::<NspiModPropsResponse>,
    ),
    (
        "NspiGetSpecialTable",
        dec::<NspiGetSpecialTableRequest>,
        dec::<NspiGetSpecialTableResponse>,
    ),
    (
        "NspiGetTemplateInfo",
        dec::<NspiGetTemplateInfoRequest>,
        dec::<NspiGetTemplateInfoResponse>,
    ),
    (
        "NspiModLinkAtt",
        dec::<NspiModLinkAttRequest>,
        dec::<NspiModLinkAttResponse>,
    ),
    (
        "NspiQueryColumns",
        dec::<NspiQueryColumnsRequest>,
        dec::<NspiQueryColumnsResponse>,
    ),
    (
        "NspiGetNamesFromIDs",
        dec::<NspiGetNamesFromIdsRequest>,
        dec::<NspiGetNamesFromIdsResponse>,
    ),
    (
        "NspiGetIDsFromNames",
        dec::<NspiGetIdsFromNamesRequest>,
        dec::<NspiGetIdsFromNamesResponse>,
    ),
    (
        "NspiResolveNames",
        dec::<NspiResolveNamesRequest>,
        dec::<NspiResolveNamesResponse>,
    ),
    (
        "NspiResolveNamesW",
        dec::<NspiResolveNamesWRequest>,
        dec::<NspiResolveNamesWResponse>,
    ),
    (
        "RfrGetNewDSA",
        dec::<RfrGetNewDsaRequest>,
        dec::<RfrGetNewDsaResponse>,
    ),
    (
        "RfrGetFQDNFromServerDN",
        dec::<RfrGetFqdnFromServerDnRequest>,
        dec::<RfrGetFqdnFromServerDnResponse>,
    ),
];

/// `NspiQueryRows`, `queryrows`, `query-rows`, `QueryRows`: one key.
fn key(s: &str) -> String {
    let k: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    k.strip_prefix("nspi").map(str::to_string).unwrap_or(k)
}

/// Runs `msox nspi ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decode {
            method,
            request,
            response: _,
            file,
            json,
        } => {
            let k = key(method);
            let Some((name, rq, rs)) = METHODS.iter().find(|(n, _, _)| key(n) == k) else {
                return Err(crate::cli::usage(format!(
                    "unknown NSPI method {method:?}; one of {}",
                    METHODS
                        .iter()
                        .map(|(n, _, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            let bytes = show::file(file)?;
            let v = if *request { rq(&bytes)? } else { rs(&bytes)? };
            if *json {
                crate::cli::print_json(&v)
            } else {
                let label = format!("{name} {}", if *request { "request" } else { "response" });
                show::print_node(&show::json_node(label, &v))
            }
        }
    }
}
