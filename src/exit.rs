//! The exit-code contract of SPEC §6, in one place.

/// Process exit status. When several apply, the highest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every input read; for `check`, nothing failed.
    Success = 0,
    /// `check`: at least one certificate failed a rule.
    CheckFailed = 1,
    /// Usage error.
    Usage = 2,
    /// An input could not be read or parsed, or held no certificate.
    Input = 3,
    /// A keystore password is missing or wrong.
    Password = 4,
}

impl Exit {
    /// The higher of two codes.
    pub fn merge(self, other: Exit) -> Exit {
        self.max(other)
    }
    /// The numeric code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

#[cfg(test)]
mod tests {
    use super::Exit;

    #[test]
    fn highest_wins() {
        assert_eq!(Exit::Success.merge(Exit::Input), Exit::Input);
        assert_eq!(Exit::Password.merge(Exit::Input), Exit::Password);
        assert_eq!(Exit::CheckFailed.merge(Exit::Input), Exit::Input);
        assert_eq!(Exit::CheckFailed.merge(Exit::Success), Exit::CheckFailed);
        assert_eq!(Exit::Password.code(), 4);
    }
}
