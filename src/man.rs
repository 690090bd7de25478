//! Man pages, generated from the command definitions (clap_mangen), with the
//! sections clap does not know: EXIT STATUS and ENVIRONMENT.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The sections every page ends with (roff).
const TRAILER: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Every input was read; for \fBcheck\fR, nothing failed.
.TP
\fB1\fR
\fBcheck\fR: at least one certificate failed a rule.
.TP
\fB2\fR
Usage error (unknown option, bad value, no input on a terminal).
.TP
\fB3\fR
An input could not be read or parsed, or held no certificate (the other inputs are still processed).
.TP
\fB4\fR
A keystore needs a password that was not given, or the password is wrong.
.PP
When several apply, the highest wins.
.SH ENVIRONMENT
.TP
\fBTZ\fR
The time zone dates are printed in, with Java's rules and short names (else the system zone).
.TP
\fBNO_COLOR\fR
When set and not empty, \fB\-\-color auto\fR does not colour.
.TP
\fBSOURCE_DATE_EPOCH\fR
Seconds since the epoch: \fBcheck\fR's instant and the HTML reports' date when \fB\-\-now\fR is not given.
.TP
\fBSSL_CERT_FILE\fR, \fBSSL_CERT_DIR\fR
The platform trust store of \fBcheck \-\-trust system\fR.
.TP
\fBHTTPS_PROXY\fR, \fBhttps_proxy\fR, \fBNO_PROXY\fR, \fBno_proxy\fR
The proxy of \fB\-\-proxy env\fR (never used without it).
.TP
\fBCOLUMNS\fR
The width of \fBlist\fR's table on a terminal.
"#;

/// Renders one page: clap's sections, then EXIT STATUS and ENVIRONMENT.
pub fn page(cmd: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(cmd).render(out)?;
    out.write_all(TRAILER.as_bytes())
}

/// Writes `certinfo.1` and one page per subcommand (`certinfo-show.1`, …)
/// into `dir`; returns the files written.
/// `cmd` is built, without the `help` subcommand.
pub fn write_all(cmd: clap::Command, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut pages = vec![cmd.clone()];
    let shown = |s: &&clap::Command| !s.is_hide_set() && s.get_name() != "help";
    pages.extend(cmd.get_subcommands().filter(shown).cloned());
    let mut written = Vec::new();
    for page_cmd in pages {
        let name = clap_mangen::Man::new(page_cmd.clone()).get_filename();
        let path = dir.join(name);
        let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
        page(page_cmd, &mut file)?;
        file.flush()?;
        written.push(path);
    }
    Ok(written)
}
