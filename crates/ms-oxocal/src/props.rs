//! Typed accessors for the appointment and meeting properties of
//! [MS-OXOCAL] 2.2 on the `ms-oxcmsg` message model, and the value types of
//! those properties.

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Message, PropertyBag};
use ms_oxprops::{Named, named};
use msox_codec::{Decode, Decoded, Encode, Options, Result, Utf16String};

use crate::appointment::{AppointmentRecurrencePattern, ChangeHighlightFlags};
use crate::expand::{ExpandOptions, Expansion};
use crate::goid::GlobalObjectId;
use crate::recurrence::RecurrencePattern;
use crate::timezone::{TimeZone, TzDefinition, TzReg};

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.2 PidLidBusyStatus (and 2.2.6.4
    /// PidLidIntendedBusyStatus, and the BusyStatus of an ExceptionInfo).
    pub enum BusyStatus: u32 {
        /// The user is free.
        Free = 0 => "olFree",
        /// The user is tentatively booked.
        Tentative = 1 => "olTentative",
        /// The user is busy.
        Busy = 2 => "olBusy",
        /// The user is out of office.
        OutOfOffice = 3 => "olOutOfOffice",
        /// The user is working elsewhere.
        WorkingElsewhere = 4 => "olWorkingElsewhere",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.11 PidLidResponseStatus.
    pub enum ResponseStatus: u32 {
        /// No response is required or none has been received.
        None = 0 => "respNone",
        /// The user is the organizer.
        Organized = 1 => "respOrganized",
        /// Tentatively accepted.
        Tentative = 2 => "respTentative",
        /// Accepted.
        Accepted = 3 => "respAccepted",
        /// Declined.
        Declined = 4 => "respDeclined",
        /// Not yet responded.
        NotResponded = 5 => "respNotResponded",
    }
}

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.1.10 PidLidAppointmentStateFlags (also the
    /// MeetingType field of an ExceptionInfo).
    pub struct AppointmentStateFlags: u32 {
        /// The object is a meeting.
        const MEETING = 0x1 => "asfMeeting";
        /// The user received the meeting (is an attendee, not the organizer).
        const RECEIVED = 0x2 => "asfReceived";
        /// The meeting was canceled.
        const CANCELED = 0x4 => "asfCanceled";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.6.5 PidLidMeetingType: the kind of a meeting request.
    pub struct MeetingType: u32 {
        /// A new meeting request.
        const REQUEST = 0x0000_0001 => "mtgRequest";
        /// A full update.
        const FULL = 0x0001_0000 => "mtgFull";
        /// An informational update.
        const INFO = 0x0002_0000 => "mtgInfo";
        /// An out-of-date request.
        const OUT_OF_DATE = 0x0008_0000 => "mtgOutOfDate";
        /// A copy sent to a delegator.
        const DELEGATOR_COPY = 0x0010_0000 => "mtgDelegatorCopy";
    }
}

fn decode_named<T>(bag: &PropertyBag, prop: &Named, options: &Options) -> Option<Result<Decoded<T>>>
where
    T: for<'a> Decode<'a>,
{
    let bytes = bag.get_named(prop)?.as_binary()?;
    Some(T::decode_bytes(bytes, options))
}

fn set_encoded<T: Encode>(bag: &mut PropertyBag, prop: &Named, value: &T) -> Result<()> {
    let bytes = value.to_vec()?;
    bag.set_named(prop, PropertyValue::Binary(bytes));
    Ok(())
}

/// Typed access to the appointment and meeting properties ([MS-OXOCAL]
/// 2.2) of a message or any property bag, through the named-property
/// definitions of `ms-oxprops`. Implemented for [`Message`] and
/// [`PropertyBag`] (an exception's embedded message is a [`Message`] too).
///
/// The binary properties decode with the caller's [`Options`]
/// (`None` when the property is absent; an error or defects when it is
/// broken).
///
/// ```
/// use ms_oxcmsg::Message;
/// use ms_oxocal::{AppointmentProperties, BusyStatus, GlobalObjectId};
/// use ms_dtyp::FileTime;
/// use msox_codec::Options;
///
/// let mut m = Message::new("IPM.Appointment");
/// m.set_location("Room 4");
/// m.set_busy_status(BusyStatus::Busy);
/// m.set_appointment_start_whole(FileTime::from_unix_seconds(1_700_000_000));
/// let goid = GlobalObjectId::from_ical_uid("{81412D3C-2A24-4E9D-B20E-11F7BBE92799}");
/// m.set_global_object_id(&goid)?;
///
/// assert_eq!(m.location().as_deref(), Some("Room 4"));
/// assert_eq!(m.busy_status(), Some(BusyStatus::Busy));
/// let read = m.global_object_id(&Options::strict()).unwrap()?.value;
/// assert_eq!(read.to_ical_uid(), "{81412D3C-2A24-4E9D-B20E-11F7BBE92799}");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub trait AppointmentProperties {
    /// The property bag.
    fn bag(&self) -> &PropertyBag;

    /// The property bag, mutably.
    fn bag_mut(&mut self) -> &mut PropertyBag;

    /// PidLidAppointmentStartWhole ([MS-OXOCAL] 2.2.1.5): the start (UTC).
    fn appointment_start_whole(&self) -> Option<FileTime> {
        self.bag()
            .get_named(&named::PidLidAppointmentStartWhole)
            .and_then(PropertyValue::as_time)
    }

    /// Sets PidLidAppointmentStartWhole.
    fn set_appointment_start_whole(&mut self, t: FileTime) {
        self.bag_mut()
            .set_named(&named::PidLidAppointmentStartWhole, PropertyValue::Time(t));
    }

    /// PidLidAppointmentEndWhole ([MS-OXOCAL] 2.2.1.6): the end (UTC).
    fn appointment_end_whole(&self) -> Option<FileTime> {
        self.bag()
            .get_named(&named::PidLidAppointmentEndWhole)
            .and_then(PropertyValue::as_time)
    }

    /// Sets PidLidAppointmentEndWhole.
    fn set_appointment_end_whole(&mut self, t: FileTime) {
        self.bag_mut()
            .set_named(&named::PidLidAppointmentEndWhole, PropertyValue::Time(t));
    }

    /// PidLidClipStart ([MS-OXOCAL] 2.2.1.14): the start of a series' range.
    fn clip_start(&self) -> Option<FileTime> {
        self.bag()
            .get_named(&named::PidLidClipStart)
            .and_then(PropertyValue::as_time)
    }

    /// PidLidClipEnd ([MS-OXOCAL] 2.2.1.15): the end of a series' range.
    fn clip_end(&self) -> Option<FileTime> {
        self.bag()
            .get_named(&named::PidLidClipEnd)
            .and_then(PropertyValue::as_time)
    }

    /// PidLidAppointmentDuration ([MS-OXOCAL] 2.2.1.7), minutes.
    fn appointment_duration(&self) -> Option<i64> {
        self.bag()
            .get_named(&named::PidLidAppointmentDuration)
            .and_then(PropertyValue::as_i64)
    }

    /// PidLidRecurring ([MS-OXOCAL] 2.2.1.12): whether the object is a
    /// recurring series.
    fn recurring(&self) -> Option<bool> {
        self.bag()
            .get_named(&named::PidLidRecurring)
            .and_then(PropertyValue::as_bool)
    }

    /// Sets PidLidRecurring.
    fn set_recurring(&mut self, v: bool) {
        self.bag_mut()
            .set_named(&named::PidLidRecurring, PropertyValue::Boolean(v));
    }

    /// PidLidIsRecurring ([MS-OXOCAL] 2.2.1.13).
    fn is_recurring(&self) -> Option<bool> {
        self.bag()
            .get_named(&named::PidLidIsRecurring)
            .and_then(PropertyValue::as_bool)
    }

    /// PidLidIsException ([MS-OXOCAL] 2.2.1.35).
    fn is_exception(&self) -> Option<bool> {
        self.bag()
            .get_named(&named::PidLidIsException)
            .and_then(PropertyValue::as_bool)
    }

    /// PidLidExceptionReplaceTime ([MS-OXOCAL] 2.2.10.2.5): the original
    /// start (UTC) of the instance an exception replaces.
    fn exception_replace_time(&self) -> Option<FileTime> {
        self.bag()
            .get_named(&named::PidLidExceptionReplaceTime)
            .and_then(PropertyValue::as_time)
    }

    /// PidLidLocation ([MS-OXOCAL] 2.2.1.4).
    fn location(&self) -> Option<String> {
        self.bag()
            .get_named(&named::PidLidLocation)
            .and_then(|v| v.as_text())
            .map(|c| c.into_owned())
    }

    /// Sets PidLidLocation (PtypString).
    fn set_location(&mut self, text: &str) {
        self.bag_mut().set_named(
            &named::PidLidLocation,
            PropertyValue::String(Utf16String::new(text)),
        );
    }

    /// PidLidBusyStatus ([MS-OXOCAL] 2.2.1.2).
    fn busy_status(&self) -> Option<BusyStatus> {
        self.bag()
            .get_named(&named::PidLidBusyStatus)
            .and_then(PropertyValue::as_i64)
            .map(|v| BusyStatus::from_value(v as u32))
    }

    /// Sets PidLidBusyStatus.
    fn set_busy_status(&mut self, v: BusyStatus) {
        self.bag_mut().set_named(
            &named::PidLidBusyStatus,
            PropertyValue::Integer32(v.value() as i32),
        );
    }

    /// PidLidIntendedBusyStatus ([MS-OXOCAL] 2.2.6.4).
    fn intended_busy_status(&self) -> Option<BusyStatus> {
        self.bag()
            .get_named(&named::PidLidIntendedBusyStatus)
            .and_then(PropertyValue::as_i64)
            .map(|v| BusyStatus::from_value(v as u32))
    }

    /// PidLidMeetingType ([MS-OXOCAL] 2.2.6.5).
    fn meeting_type(&self) -> Option<MeetingType> {
        self.bag()
            .get_named(&named::PidLidMeetingType)
            .and_then(PropertyValue::as_i64)
            .map(|v| MeetingType(v as u32))
    }

    /// PidLidResponseStatus ([MS-OXOCAL] 2.2.1.11).
    fn response_status(&self) -> Option<ResponseStatus> {
        self.bag()
            .get_named(&named::PidLidResponseStatus)
            .and_then(PropertyValue::as_i64)
            .map(|v| ResponseStatus::from_value(v as u32))
    }

    /// PidLidAppointmentStateFlags ([MS-OXOCAL] 2.2.1.10).
    fn appointment_state_flags(&self) -> Option<AppointmentStateFlags> {
        self.bag()
            .get_named(&named::PidLidAppointmentStateFlags)
            .and_then(PropertyValue::as_i64)
            .map(|v| AppointmentStateFlags(v as u32))
    }

    /// PidLidAppointmentSubType ([MS-OXOCAL] 2.2.1.9): whether the
    /// appointment is an all-day event.
    fn all_day(&self) -> Option<bool> {
        self.bag()
            .get_named(&named::PidLidAppointmentSubType)
            .and_then(PropertyValue::as_bool)
    }

    /// Sets PidLidAppointmentSubType.
    fn set_all_day(&mut self, v: bool) {
        self.bag_mut()
            .set_named(&named::PidLidAppointmentSubType, PropertyValue::Boolean(v));
    }

    /// PidLidAppointmentSequence ([MS-OXOCAL] 2.2.1.1).
    fn appointment_sequence(&self) -> Option<i64> {
        self.bag()
            .get_named(&named::PidLidAppointmentSequence)
            .and_then(PropertyValue::as_i64)
    }

    /// PidLidChangeHighlight ([MS-OXOCAL] 2.2.6.2).
    fn change_highlight(&self) -> Option<ChangeHighlightFlags> {
        self.bag()
            .get_named(&named::PidLidChangeHighlight)
            .and_then(PropertyValue::as_i64)
            .map(|v| ChangeHighlightFlags(v as u32))
    }

    /// PidLidTimeZoneDescription ([MS-OXOCAL] 2.2.1.40).
    fn time_zone_description(&self) -> Option<String> {
        self.bag()
            .get_named(&named::PidLidTimeZoneDescription)
            .and_then(|v| v.as_text())
            .map(|c| c.into_owned())
    }

    /// PidLidAppointmentRecur ([MS-OXOCAL] 2.2.1.44), decoded.
    fn appointment_recur(
        &self,
        options: &Options,
    ) -> Option<Result<Decoded<AppointmentRecurrencePattern>>> {
        decode_named(self.bag(), &named::PidLidAppointmentRecur, options)
    }

    /// Sets PidLidAppointmentRecur (encoded).
    fn set_appointment_recur(&mut self, p: &AppointmentRecurrencePattern) -> Result<()> {
        set_encoded(self.bag_mut(), &named::PidLidAppointmentRecur, p)
    }

    /// PidLidTaskRecurrence ([MS-OXOTASK] 2.2.2.2.15): a task's
    /// RecurrencePattern, decoded.
    fn task_recurrence(&self, options: &Options) -> Option<Result<Decoded<RecurrencePattern>>> {
        decode_named(self.bag(), &named::PidLidTaskRecurrence, options)
    }

    /// Sets PidLidTaskRecurrence (encoded).
    fn set_task_recurrence(&mut self, p: &RecurrencePattern) -> Result<()> {
        set_encoded(self.bag_mut(), &named::PidLidTaskRecurrence, p)
    }

    /// PidLidGlobalObjectId ([MS-OXOCAL] 2.2.1.27), decoded.
    fn global_object_id(&self, options: &Options) -> Option<Result<Decoded<GlobalObjectId>>> {
        decode_named(self.bag(), &named::PidLidGlobalObjectId, options)
    }

    /// Sets PidLidGlobalObjectId (encoded).
    fn set_global_object_id(&mut self, id: &GlobalObjectId) -> Result<()> {
        set_encoded(self.bag_mut(), &named::PidLidGlobalObjectId, id)
    }

    /// PidLidCleanGlobalObjectId ([MS-OXOCAL] 2.2.1.28), decoded.
    fn clean_global_object_id(&self, options: &Options) -> Option<Result<Decoded<GlobalObjectId>>> {
        decode_named(self.bag(), &named::PidLidCleanGlobalObjectId, options)
    }

    /// Sets PidLidCleanGlobalObjectId (the clean form of `id`, encoded).
    fn set_clean_global_object_id(&mut self, id: &GlobalObjectId) -> Result<()> {
        set_encoded(
            self.bag_mut(),
            &named::PidLidCleanGlobalObjectId,
            &id.to_clean(),
        )
    }

    /// PidLidTimeZoneStruct ([MS-OXOCAL] 2.2.1.39), decoded.
    fn time_zone_struct(&self, options: &Options) -> Option<Result<Decoded<TzReg>>> {
        decode_named(self.bag(), &named::PidLidTimeZoneStruct, options)
    }

    /// Sets PidLidTimeZoneStruct (encoded).
    fn set_time_zone_struct(&mut self, tz: &TzReg) -> Result<()> {
        set_encoded(self.bag_mut(), &named::PidLidTimeZoneStruct, tz)
    }

    /// PidLidAppointmentTimeZoneDefinitionRecur ([MS-OXOCAL] 2.2.1.41), decoded.
    fn time_zone_definition_recur(
        &self,
        options: &Options,
    ) -> Option<Result<Decoded<TzDefinition>>> {
        decode_named(
            self.bag(),
            &named::PidLidAppointmentTimeZoneDefinitionRecur,
            options,
        )
    }

    /// Sets PidLidAppointmentTimeZoneDefinitionRecur (encoded).
    fn set_time_zone_definition_recur(&mut self, tz: &TzDefinition) -> Result<()> {
        set_encoded(
            self.bag_mut(),
            &named::PidLidAppointmentTimeZoneDefinitionRecur,
            tz,
        )
    }

    /// PidLidAppointmentTimeZoneDefinitionStartDisplay ([MS-OXOCAL] 2.2.1.42), decoded.
    fn time_zone_definition_start_display(
        &self,
        options: &Options,
    ) -> Option<Result<Decoded<TzDefinition>>> {
        decode_named(
            self.bag(),
            &named::PidLidAppointmentTimeZoneDefinitionStartDisplay,
            options,
        )
    }

    /// PidLidAppointmentTimeZoneDefinitionEndDisplay ([MS-OXOCAL] 2.2.1.43), decoded.
    fn time_zone_definition_end_display(
        &self,
        options: &Options,
    ) -> Option<Result<Decoded<TzDefinition>>> {
        decode_named(
            self.bag(),
            &named::PidLidAppointmentTimeZoneDefinitionEndDisplay,
            options,
        )
    }

    /// The time zone a recurring series is expanded in ([MS-OXOCAL]
    /// 2.2.1.41): PidLidAppointmentTimeZoneDefinitionRecur (all its rules),
    /// unless its effective rule is inconsistent with PidLidTimeZoneStruct,
    /// in which case (or when it is absent) PidLidTimeZoneStruct. `None`
    /// when neither is set.
    fn recurrence_time_zone(&self, options: &Options) -> Option<Result<TimeZone>> {
        let reg = match self.time_zone_struct(options) {
            Some(Ok(d)) => Some(d.value),
            Some(Err(e)) => return Some(Err(e)),
            None => None,
        };
        if let Some(def) = self.time_zone_definition_recur(options) {
            let def = match def {
                Ok(d) => d.value,
                Err(e) => return Some(Err(e)),
            };
            let consistent = match (&reg, def.effective_rule()) {
                (Some(reg), Some(rule)) => rule.matches_reg(reg),
                (None, _) => true,
                (Some(_), None) => false,
            };
            if consistent {
                return Some(TimeZone::from_definition(&def));
            }
        }
        reg.map(|r| TimeZone::from_reg(&r))
    }

    /// The occurrences of a recurring series (PidLidAppointmentRecur in the
    /// time zone of [`AppointmentProperties::recurrence_time_zone`]); `None`
    /// when the object has no PidLidAppointmentRecur. A series without a
    /// time zone property is an error (its local times cannot be placed).
    fn occurrences(&self, options: &Options, expand: &ExpandOptions) -> Option<Result<Expansion>> {
        let recur = match self.appointment_recur(options)? {
            Ok(d) => d.value,
            Err(e) => return Some(Err(e)),
        };
        let tz = match self.recurrence_time_zone(options) {
            Some(Ok(tz)) => tz,
            Some(Err(e)) => return Some(Err(e)),
            None => {
                return Some(Err(msox_codec::Error::malformed(
                    "a recurring series without PidLidTimeZoneStruct or \
                     PidLidAppointmentTimeZoneDefinitionRecur: its local times cannot be placed",
                )));
            }
        };
        Some(recur.expand(&tz, expand))
    }
}

impl AppointmentProperties for PropertyBag {
    fn bag(&self) -> &PropertyBag {
        self
    }
    fn bag_mut(&mut self) -> &mut PropertyBag {
        self
    }
}

impl AppointmentProperties for Message {
    fn bag(&self) -> &PropertyBag {
        &self.properties
    }
    fn bag_mut(&mut self) -> &mut PropertyBag {
        &mut self.properties
    }
}
