//! PKCS#7 (stub until the real reader lands).

use super::{ContainerFormat, LoadError, Loaded};

/// Loads a PKCS#7 bundle.
pub fn load(_bytes: &[u8]) -> Result<Loaded, LoadError> {
    Err(LoadError::Unsupported {
        format: ContainerFormat::Pkcs7,
        what: "PKCS#7".into(),
    })
}

/// The certificates of a PKCS#7 ContentInfo.
pub fn certificates(_bytes: &[u8]) -> Result<Vec<Vec<u8>>, LoadError> {
    Err(LoadError::Unsupported {
        format: ContainerFormat::Pkcs7,
        what: "PKCS#7".into(),
    })
}
