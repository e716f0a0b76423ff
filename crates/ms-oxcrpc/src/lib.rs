//! # ms-oxcrpc
#![forbid(unsafe_code)]

pub mod auxiliary;
pub mod ext;
pub mod lz77;
pub mod methods;
pub mod xor;

pub use auxiliary::{
    AuxBlock, AuxBlockBody, AuxBlockKind, AuxBuffer, AuxClientConnectionInfo, AuxClientControl,
    AuxEndpointCapabilities, AuxExOrgInfo, AuxHeader, AuxOsVersionInfo, AuxPayload,
    AuxPerfAccountInfo, AuxPerfClientInfo, AuxPerfDefGcSuccess, AuxPerfDefMdbSuccess,
    AuxPerfFailure, AuxPerfFailureV2, AuxPerfGcSuccess, AuxPerfGcSuccessV2, AuxPerfMdbSuccess,
    AuxPerfMdbSuccessV2, AuxPerfProcessInfo, AuxPerfRequestId, AuxPerfServerInfo,
    AuxPerfSessionInfo, AuxPerfSessionInfoV2, AuxProtocolDeviceIdentification,
    AuxServerCapabilities, AuxServerSessionInfo, AuxType, AuxVarLayout, AuxVersion, ClientMode,
    EnableFlags, EndpointCapabilityFlags, OrgFlags, ServerCapabilityFlags, ServerType,
};
pub use ext::{
    ExtendedBuffer, ExtendedBufferSegment, Payload, RpcHeaderExt, RpcHeaderExtFlags, SegmentData,
};
pub use methods::{
    ContextHandle, EcDoAsyncConnectExRequest, EcDoAsyncConnectExResponse, EcDoAsyncWaitExRequest,
    EcDoAsyncWaitExResponse, EcDoConnectExRequest, EcDoConnectExResponse, EcDoDisconnectRequest,
    EcDoDisconnectResponse, EcDoRpcExt2Request, EcDoRpcExt2Response, NdrArrayLayout, NdrString,
    RpcExt2Flags,
};
