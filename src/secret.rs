//! Secrets in memory: core dumps off, and the `--password` value kept out of
//! clap's copies. Passwords themselves live in [`crate::load::Password`] (one
//! zeroized copy); the PKCS#12 reader wipes every form derived from them.
//!
//! What cannot be wiped without `unsafe`: the process's original argv and
//! environment on its initial stack (where `ps` reads them too; hence the
//! warning `--password` prints).

use std::ffi::OsString;
use zeroize::{Zeroize, Zeroizing};

/// Turns core dumps off for the whole run (`RLIMIT_CORE` 0 and not
/// dumpable), so that a crash after a keystore was read leaves no image of
/// its password or keys. Failures are ignored: it is a precaution.
pub fn forbid_core_dumps() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{setrlimit, DumpableBehavior, Resource, Rlimit};
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        let _ = setrlimit(Resource::Core, none);
        let _ = rustix::process::set_dumpable_behavior(DumpableBehavior::NotDumpable);
    }
}

/// What clap sees in place of the `--password` value.
pub const PLACEHOLDER: &str = "(given)";

/// Takes the value of `--password VALUE` / `--password=VALUE` out of `args`
/// (before `--`), leaving [`PLACEHOLDER`] for clap to validate, and returns
/// it in a buffer that is wiped when dropped. A value that is not UTF-8 is
/// left for clap to refuse.
pub fn take_password_arg(args: &mut [OsString]) -> Option<Zeroizing<String>> {
    let mut found = None;
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].as_encoded_bytes();
        if arg == b"--" {
            break;
        }
        if arg == b"--password" && i + 1 < args.len() {
            let value = std::mem::replace(&mut args[i + 1], PLACEHOLDER.into());
            match into_string(value) {
                Ok(v) => found = Some(v),
                Err(v) => args[i + 1] = v,
            }
            i += 2;
            continue;
        }
        if let Some(value) = arg.strip_prefix(b"--password=") {
            if let Ok(v) = std::str::from_utf8(value) {
                found = Some(Zeroizing::new(v.to_string()));
                let old =
                    std::mem::replace(&mut args[i], format!("--password={PLACEHOLDER}").into());
                wipe(vec![old]);
            }
        }
        i += 1;
    }
    found
}

/// The OsString as a wiped-on-drop String (moved, not copied), or back.
fn into_string(s: OsString) -> Result<Zeroizing<String>, OsString> {
    s.into_string().map(Zeroizing::new)
}

/// Wipes command-line arguments before they are freed.
pub fn wipe(args: Vec<OsString>) {
    for a in args {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            a.into_vec().zeroize();
        }
        #[cfg(not(unix))]
        drop(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_password_is_taken_out_of_the_arguments() {
        let mut a = args(&["certinfo", "show", "--password", "s3cret", "x.p12"]);
        assert_eq!(
            take_password_arg(&mut a).as_deref().map(String::as_str),
            Some("s3cret")
        );
        assert_eq!(
            a,
            args(&["certinfo", "show", "--password", PLACEHOLDER, "x.p12"])
        );

        let mut a = args(&["certinfo", "show", "--password=s3cret", "x.p12"]);
        assert_eq!(
            take_password_arg(&mut a).as_deref().map(String::as_str),
            Some("s3cret")
        );
        assert_eq!(a[2], OsString::from(format!("--password={PLACEHOLDER}")));

        // After `--`, an argument is a file name.
        let mut a = args(&["certinfo", "show", "--", "--password", "x"]);
        assert!(take_password_arg(&mut a).is_none());
        assert_eq!(a[4], OsString::from("x"));
    }
}
