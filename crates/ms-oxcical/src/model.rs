//! The small value mappings [MS-OXCICAL] 2.1.3.1.1.x define between
//! iCalendar keywords and property values: METHOD and the message class,
//! busy status, PARTSTAT and response status, CLASS and sensitivity,
//! PRIORITY and importance.

use ms_oxocal::BusyStatus;

/// [MS-OXCICAL] 2.1.3.1.1.1 Property: METHOD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Method {
    /// PUBLISH (and no METHOD): IPM.Appointment.
    Publish,
    /// REQUEST: IPM.Schedule.Meeting.Request.
    Request,
    /// REPLY: IPM.Schedule.Meeting.Resp.Pos / .Tent / .Neg by PARTSTAT.
    Reply,
    /// CANCEL: IPM.Schedule.Meeting.Canceled.
    Cancel,
    /// COUNTER: IPM.Schedule.Meeting.Resp.Tent with
    /// PidLidAppointmentCounterProposal.
    Counter,
}

impl Method {
    /// Reads a METHOD value (case-insensitive); `None` for another value.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_uppercase().as_str() {
            "PUBLISH" => Method::Publish,
            "REQUEST" => Method::Request,
            "REPLY" => Method::Reply,
            "CANCEL" => Method::Cancel,
            "COUNTER" => Method::Counter,
            _ => return None,
        })
    }

    /// The METHOD value.
    pub fn name(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Reply => "REPLY",
            Method::Cancel => "CANCEL",
            Method::Counter => "COUNTER",
        }
    }

    /// The METHOD of a message class (2.1.3.1.1.1 export) and whether it is
    /// a counter proposal; `None` for classes that are not calendar items.
    pub fn from_message_class(class: &str, counter_proposal: bool) -> Option<Self> {
        let c = class.to_ascii_lowercase();
        Some(if c.starts_with("ipm.schedule.meeting.request") {
            Method::Request
        } else if c.starts_with("ipm.schedule.meeting.canceled") {
            Method::Cancel
        } else if c.starts_with("ipm.schedule.meeting.resp") {
            if counter_proposal {
                Method::Counter
            } else {
                Method::Reply
            }
        } else if c.starts_with("ipm.appointment")
            || c.starts_with("ipm.task")
            || c == "ipm.ole.class.{00061055-0000-0000-c000-000000000046}"
        {
            Method::Publish
        } else {
            return None;
        })
    }

    /// The message class of an object imported with this METHOD
    /// (2.1.3.1.1.1 import; `partstat` is the one attendee's of a REPLY).
    pub fn message_class(self, partstat: Option<&str>) -> &'static str {
        match self {
            Method::Publish => "IPM.Appointment",
            Method::Request => "IPM.Schedule.Meeting.Request",
            Method::Cancel => "IPM.Schedule.Meeting.Canceled",
            Method::Counter => "IPM.Schedule.Meeting.Resp.Tent",
            Method::Reply => match partstat.map(str::to_ascii_uppercase).as_deref() {
                Some("ACCEPTED") => "IPM.Schedule.Meeting.Resp.Pos",
                Some("DECLINED") => "IPM.Schedule.Meeting.Resp.Neg",
                _ => "IPM.Schedule.Meeting.Resp.Tent",
            },
        }
    }
}

/// [MS-OXCICAL] 2.1.3.1.1.20 X-MICROSOFT-CDO-BUSYSTATUS /
/// X-MICROSOFT-CDO-INTENDEDSTATUS: the keyword of a busy status.
pub fn busy_status_name(b: BusyStatus) -> Option<&'static str> {
    Some(match b.value() {
        0 => "FREE",
        1 => "TENTATIVE",
        2 => "BUSY",
        3 => "OOF",
        4 => "WORKINGELSEWHERE",
        _ => return None,
    })
}

/// The busy status of a keyword (`OUTOFOFFICE` as CDO wrote it too).
pub fn busy_status_from_name(s: &str) -> Option<BusyStatus> {
    Some(match s.trim().to_ascii_uppercase().as_str() {
        "FREE" => BusyStatus::Free,
        "TENTATIVE" => BusyStatus::Tentative,
        "BUSY" => BusyStatus::Busy,
        "OOF" | "OUTOFOFFICE" => BusyStatus::OutOfOffice,
        "WORKINGELSEWHERE" => BusyStatus::WorkingElsewhere,
        _ => return None,
    })
}

/// [MS-OXCICAL] 2.1.3.1.1.20.2.3 PARTSTAT to PidTagRecipientTrackStatus /
/// PidLidResponseStatus (ACCEPTED 3, DECLINED 4, TENTATIVE 2; others 0).
pub fn partstat_to_response(s: &str) -> u32 {
    match s.trim().to_ascii_uppercase().as_str() {
        "ACCEPTED" => 3,
        "DECLINED" => 4,
        "TENTATIVE" => 2,
        _ => 0,
    }
}

/// The PARTSTAT of a response status (`None`: not exported).
pub fn response_to_partstat(v: u32) -> Option<&'static str> {
    match v {
        2 => Some("TENTATIVE"),
        3 => Some("ACCEPTED"),
        4 => Some("DECLINED"),
        _ => None,
    }
}

/// CLASS to PidTagSensitivity (PUBLIC 0, X-PERSONAL 1, PRIVATE 2,
/// CONFIDENTIAL 3).
pub fn class_to_sensitivity(s: &str) -> Option<i32> {
    Some(match s.trim().to_ascii_uppercase().as_str() {
        "PUBLIC" => 0,
        "X-PERSONAL" | "PERSONAL" => 1,
        "PRIVATE" => 2,
        "CONFIDENTIAL" => 3,
        _ => return None,
    })
}

/// PidTagSensitivity to CLASS.
pub fn sensitivity_to_class(v: i64) -> &'static str {
    match v {
        1 => "X-PERSONAL",
        2 => "PRIVATE",
        3 => "CONFIDENTIAL",
        _ => "PUBLIC",
    }
}

/// PRIORITY to PidTagImportance (1-4 high 2, 5 and 0 normal 1, 6-9 low 0).
pub fn priority_to_importance(p: i64) -> i32 {
    match p {
        1..=4 => 2,
        6..=9 => 0,
        _ => 1,
    }
}

/// PidTagImportance to PRIORITY (high 1, normal 5, low 9).
pub fn importance_to_priority(i: i64) -> i64 {
    match i {
        2 => 1,
        0 => 9,
        _ => 5,
    }
}
