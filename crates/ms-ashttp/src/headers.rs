//! [MS-ASHTTP] 2.2.1.1.2 Request Headers and 2.2.2.1.2 / 2.2.4.1.2 Response
//! Headers, typed. Names are matched without regard to ASCII case; headers
//! this model does not know are kept in `other`, in order.

use crate::version::ProtocolVersion;
use msox_codec::Result;

/// [MS-ASHTTP] 2.2.1.1.2 — the ActiveSync request headers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RequestHeaders {
    /// 2.2.1.1.2.6 `MS-ASProtocolVersion`.
    pub protocol_version: Option<ProtocolVersion>,
    /// 2.2.1.1.2.8 `X-MS-PolicyKey` (a 32-bit unsigned integer as text;
    /// kept as sent).
    pub policy_key: Option<String>,
    /// 2.2.1.1.2.5 `MS-ASAcceptMultiPart` (`T` or `F`).
    pub accept_multipart: Option<bool>,
    /// 2.2.1.1.2.7 `User-Agent`.
    pub user_agent: Option<String>,
    /// 2.2.1.1.2.3 `Content-Type` (`application/vnd.ms-sync.wbxml`).
    pub content_type: Option<String>,
    /// 2.2.1.1.2.1 `Accept-Language`.
    pub accept_language: Option<String>,
    /// 2.2.1.1.2.2 `Authorization`.
    pub authorization: Option<String>,
    /// 2.2.1.1.2.4 `Cookie`.
    pub cookie: Option<String>,
    /// Every other header, in order.
    pub other: Vec<(String, String)>,
}

impl RequestHeaders {
    /// Reads the headers from (name, value) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut h = RequestHeaders::default();
        for (name, value) in pairs {
            let v = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "ms-asprotocolversion" => h.protocol_version = Some(v.parse()?),
                "x-ms-policykey" => h.policy_key = Some(v.to_string()),
                "ms-asacceptmultipart" => h.accept_multipart = Some(v.eq_ignore_ascii_case("T")),
                "user-agent" => h.user_agent = Some(v.to_string()),
                "content-type" => h.content_type = Some(v.to_string()),
                "accept-language" => h.accept_language = Some(v.to_string()),
                "authorization" => h.authorization = Some(v.to_string()),
                "cookie" => h.cookie = Some(v.to_string()),
                _ => h.other.push((name.to_string(), value.to_string())),
            }
        }
        Ok(h)
    }

    /// The headers as (name, value) pairs, known ones first.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        let mut put = |n: &str, x: Option<String>| {
            if let Some(x) = x {
                v.push((n.to_string(), x));
            }
        };
        put("Content-Type", self.content_type.clone());
        put(
            "MS-ASProtocolVersion",
            self.protocol_version.map(|p| p.to_string()),
        );
        put("X-MS-PolicyKey", self.policy_key.clone());
        put(
            "MS-ASAcceptMultiPart",
            self.accept_multipart
                .map(|b| if b { "T" } else { "F" }.to_string()),
        );
        put("User-Agent", self.user_agent.clone());
        put("Accept-Language", self.accept_language.clone());
        put("Authorization", self.authorization.clone());
        put("Cookie", self.cookie.clone());
        v.extend(self.other.iter().cloned());
        v
    }
}

/// [MS-ASHTTP] 2.2.2.1.2 and 2.2.4.1.2 — the ActiveSync response headers
/// (POST and OPTIONS).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseHeaders {
    /// 2.2.2.1.2.8 / 2.2.4.1.2.2 `MS-ASProtocolVersions` (comma-separated).
    pub protocol_versions: Option<Vec<ProtocolVersion>>,
    /// 2.2.2.1.2.7 / 2.2.4.1.2.1 `MS-ASProtocolCommands` (comma-separated).
    pub protocol_commands: Option<Vec<String>>,
    /// 2.2.2.1.2.5 `MS-Server-ActiveSync` (the server's version).
    pub server_version: Option<String>,
    /// 2.2.2.1.2.6 `X-MS-Location` (a redirect URL).
    pub location: Option<String>,
    /// 2.2.2.1.2.9 `X-MS-RP` (versions, after a change).
    pub rp: Option<Vec<ProtocolVersion>>,
    /// 2.2.2.1.2.10 `X-MS-Credential-Service-Url`.
    pub credential_service_url: Option<String>,
    /// 2.2.2.1.2.11 `X-MS-Credential-Expire` (days).
    pub credential_expire: Option<String>,
    /// 2.2.2.1.2.13 `X-MS-ASThrottle`.
    pub throttle: Option<String>,
    /// 2.2.2.1.2.4 `Content-Type`.
    pub content_type: Option<String>,
    /// Every other header, in order.
    pub other: Vec<(String, String)>,
}

fn versions(v: &str) -> Result<Vec<ProtocolVersion>> {
    v.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(str::parse)
        .collect()
}

fn join<T: ToString>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl ResponseHeaders {
    /// Reads the headers from (name, value) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self> {
        let mut h = ResponseHeaders::default();
        for (name, value) in pairs {
            let v = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "ms-asprotocolversions" => h.protocol_versions = Some(versions(v)?),
                "ms-asprotocolcommands" => {
                    h.protocol_commands = Some(
                        v.split(',')
                            .map(|c| c.trim().to_string())
                            .filter(|c| !c.is_empty())
                            .collect(),
                    )
                }
                "ms-server-activesync" => h.server_version = Some(v.to_string()),
                "x-ms-location" => h.location = Some(v.to_string()),
                "x-ms-rp" => h.rp = Some(versions(v)?),
                "x-ms-credential-service-url" => h.credential_service_url = Some(v.to_string()),
                "x-ms-credential-expire" => h.credential_expire = Some(v.to_string()),
                "x-ms-asthrottle" => h.throttle = Some(v.to_string()),
                "content-type" => h.content_type = Some(v.to_string()),
                _ => h.other.push((name.to_string(), value.to_string())),
            }
        }
        Ok(h)
    }

    /// The headers as (name, value) pairs, known ones first.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        let mut put = |n: &str, x: Option<String>| {
            if let Some(x) = x {
                v.push((n.to_string(), x));
            }
        };
        put("Content-Type", self.content_type.clone());
        put("MS-Server-ActiveSync", self.server_version.clone());
        put(
            "MS-ASProtocolVersions",
            self.protocol_versions.as_deref().map(join),
        );
        put(
            "MS-ASProtocolCommands",
            self.protocol_commands.as_deref().map(join),
        );
        put("X-MS-RP", self.rp.as_deref().map(join));
        put("X-MS-Location", self.location.clone());
        put(
            "X-MS-Credential-Service-Url",
            self.credential_service_url.clone(),
        );
        put("X-MS-Credential-Expire", self.credential_expire.clone());
        put("X-MS-ASThrottle", self.throttle.clone());
        v.extend(self.other.iter().cloned());
        v
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_response_headers() {
        let h = ResponseHeaders::from_pairs([
            ("MS-ASProtocolVersions", "2.5,12.0,12.1,14.0,14.1,16.0,16.1"),
            ("MS-ASProtocolCommands", "Sync,SendMail,SmartForward,Find"),
            ("Allow", "OPTIONS,POST"),
        ])
        .unwrap();
        assert_eq!(h.protocol_versions.as_ref().unwrap().len(), 7);
        assert_eq!(h.protocol_commands.as_ref().unwrap()[3], "Find");
        assert_eq!(h.other, [("Allow".to_string(), "OPTIONS,POST".to_string())]);
        let pairs = h.to_pairs();
        assert!(pairs.contains(&(
            "MS-ASProtocolVersions".into(),
            "2.5,12.0,12.1,14.0,14.1,16.0,16.1".into()
        )));
    }

    #[test]
    fn request_headers() {
        let h = RequestHeaders::from_pairs([
            ("ms-asprotocolversion", "14.1"),
            ("X-MS-PolicyKey", "2401271238"),
            ("MS-ASAcceptMultiPart", "T"),
        ])
        .unwrap();
        assert_eq!(h.protocol_version, Some(ProtocolVersion::new(14, 1)));
        assert_eq!(h.accept_multipart, Some(true));
        assert_eq!(h.to_pairs().len(), 3);
    }
}
