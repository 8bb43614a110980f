//! Who may log in: `open` (any valid learner name, no password), `keys` (a roster of names
//! and OpenSSH public keys) or `password` (a roster of names and Argon2id PHC hashes; never
//! plain text). Rosters are read at start and again on each reload (SIGHUP); an error names
//! the file and line.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use russh::MethodKind;
use russh::MethodSet;
use russh::keys::{Algorithm, PublicKey};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

pub enum AuthMode {
    Open,
    Keys(HashMap<String, Vec<PublicKey>>),
    Password(HashMap<String, String>),
}

impl AuthMode {
    /// `keys FILE`: lines `NAME KEYTYPE BASE64 [COMMENT]`; a name may have several lines.
    pub fn keys_from(path: &Path) -> Result<AuthMode, String> {
        let mut roster: HashMap<String, Vec<PublicKey>> = HashMap::new();
        for (n, name, rest) in roster_lines(path)? {
            let key = PublicKey::from_openssh(&rest).map_err(|e| {
                format!(
                    "{}:{n}: not an OpenSSH public key ({e}); expected NAME ssh-ed25519 AAAA... [comment]",
                    path.display()
                )
            })?;
            if let Some(kind) = unsupported(&key) {
                return Err(format!(
                    "{}:{n}: {kind} keys are not supported: use an Ed25519 key (ssh-keygen -t ed25519)",
                    path.display()
                ));
            }
            roster.entry(name).or_default().push(key);
        }
        Ok(AuthMode::Keys(roster))
    }

    /// `password FILE`: lines `NAME $argon2id$...` as `tutor serve hash-password` prints them.
    pub fn passwords_from(path: &Path) -> Result<AuthMode, String> {
        let mut roster = HashMap::new();
        for (n, name, rest) in roster_lines(path)? {
            if PasswordHash::new(&rest).is_err() {
                return Err(format!(
                    "{}:{n}: the second field is not a password hash (PHC string such as $argon2id$...); make one with `tutor serve hash-password`",
                    path.display()
                ));
            }
            if roster.insert(name.clone(), rest).is_some() {
                return Err(format!("{}:{n}: {name} is listed twice", path.display()));
            }
        }
        Ok(AuthMode::Password(roster))
    }

    pub fn label(&self) -> &'static str {
        match self {
            AuthMode::Open => "open",
            AuthMode::Keys(_) => "keys",
            AuthMode::Password(_) => "password",
        }
    }

    /// Learners on the roster (none for `open`).
    pub fn roster_len(&self) -> usize {
        match self {
            AuthMode::Open => 0,
            AuthMode::Keys(r) => r.len(),
            AuthMode::Password(r) => r.len(),
        }
    }

    /// The learners on the roster, sorted (none for `open`).
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = match self {
            AuthMode::Open => Vec::new(),
            AuthMode::Keys(r) => r.keys().map(String::as_str).collect(),
            AuthMode::Password(r) => r.keys().map(String::as_str).collect(),
        };
        names.sort_unstable();
        names
    }

    /// The methods offered to clients. Keyboard-interactive is always there: it is how a
    /// refusal reaches the student in words (and how OpenSSH prompts for a password).
    pub fn methods(&self) -> MethodSet {
        let first = match self {
            AuthMode::Open => MethodKind::None,
            AuthMode::Keys(_) => MethodKind::PublicKey,
            AuthMode::Password(_) => MethodKind::Password,
        };
        MethodSet::from(&[first, MethodKind::KeyboardInteractive][..])
    }

    /// Whether `key` is on the roster for `user`.
    pub fn key_allowed(&self, user: &str, key: &PublicKey) -> bool {
        match self {
            AuthMode::Keys(r) => r
                .get(user)
                .is_some_and(|keys| keys.iter().any(|k| k.key_data() == key.key_data())),
            _ => false,
        }
    }

    /// The stored hash of `user`, if the roster has them.
    pub fn password_hash(&self, user: &str) -> Option<&str> {
        match self {
            AuthMode::Password(r) => r.get(user).map(String::as_str),
            _ => None,
        }
    }
}

/// The kind of `key` if this server cannot check its signatures (it is built without the
/// `rsa` crate; DSA is not offered either).
fn unsupported(key: &PublicKey) -> Option<&'static str> {
    match key.algorithm() {
        Algorithm::Rsa { .. } => Some("RSA"),
        Algorithm::Dsa => Some("DSA"),
        _ => None,
    }
}

/// `(line number, name, rest)` of every roster line that is not blank or a `#` comment; every
/// name must be a valid learner name.
fn roster_lines(path: &Path) -> Result<Vec<(usize, String, String)>, String> {
    let text = read_roster(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, rest) = line.split_once(char::is_whitespace).ok_or_else(|| {
            format!(
                "{}:{}: expected a name and a key or hash",
                path.display(),
                i + 1
            )
        })?;
        crate::store::valid_user(name).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        out.push((i + 1, name.to_owned(), rest.trim().to_owned()));
    }
    Ok(out)
}

/// Largest roster read: thousands of students with their keys are far less; a bound on
/// memory, whatever the file is (a reload rereads it).
pub const MAX_ROSTER: u64 = 16 << 20;

/// The roster's text, refused past [`MAX_ROSTER`] bytes or when it is not UTF-8.
fn read_roster(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| format!("cannot read the roster {}: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_ROSTER + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_ROSTER {
        return Err(format!(
            "the roster {} is larger than {} MiB",
            path.display(),
            MAX_ROSTER >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("the roster {}: invalid UTF-8 at byte {at}", path.display())
    })
}

/// An Argon2id hash of `password` with a fresh salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$...`).
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the PHC string `hash`. Without a hash (an unknown name) the same
/// work is done against a dummy, so timing does not tell which names exist.
pub fn verify_password(hash: Option<&str>, password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| {
        DUMMY.get_or_init(|| hash_password("not a password").unwrap_or_default())
    });
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let ok = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    ok && known
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An RSA public key (1024 bits, from `ssh-keygen -t rsa -b 1024`).
    const RSA: &str = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDWSsvxWgJty0y8i4MUhIItA8CW3dRdXruXeUGIA2QsBo345AYPFeOI5MaO1Idv+QDTq0nZV/GifmjMWgfuDXqEevlnPDzoQ+7mPm1qDW6/4m9nhrp6J6tAGQbCCZ1IVSPPm0S8x7nuIZ7i0sSPgvpHyM13ZVlHvqSAV0u2bF8fDw==";

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    /// A roster is read up to its bound, never whole whatever its size (a reload rereads it).
    #[test]
    fn a_roster_past_its_bound_is_refused_unread() {
        let f = tempfile::NamedTempFile::new().unwrap();
        f.as_file().set_len(MAX_ROSTER + 1).unwrap();
        let err = AuthMode::keys_from(f.path()).err().unwrap();
        assert!(err.contains("larger than 16 MiB"), "{err}");
        std::fs::write(f.path(), b"alice \xff\n").unwrap();
        let err = AuthMode::keys_from(f.path()).err().unwrap();
        assert!(err.contains("invalid UTF-8 at byte 6"), "{err}");
    }

    #[test]
    fn password_roster_takes_hashes_only() {
        let h = hash_password("s3cret").unwrap();
        assert!(h.starts_with("$argon2id$"));
        let f = file(&format!("# class\nalice {h}\n\n"));
        let mode = AuthMode::passwords_from(f.path()).unwrap();
        assert!(verify_password(mode.password_hash("alice"), "s3cret"));
        assert!(!verify_password(mode.password_hash("alice"), "wrong"));
        assert!(!verify_password(mode.password_hash("bob"), "s3cret"));
        let plain = file("alice s3cret\n");
        let err = AuthMode::passwords_from(plain.path()).err().unwrap();
        assert!(
            err.contains(":1:") && err.contains("hash-password"),
            "{err}"
        );
    }

    #[test]
    fn key_roster_checks_names_and_keys() {
        let k1 = crate::ssh::hostkey::generate();
        let k2 = crate::ssh::hostkey::generate();
        let line = crate::ssh::hostkey::public_line(&k1);
        let f = file(&format!("alice {line} laptop\n"));
        let mode = AuthMode::keys_from(f.path()).unwrap();
        assert!(mode.key_allowed("alice", k1.public_key()));
        assert!(!mode.key_allowed("alice", k2.public_key()));
        assert!(!mode.key_allowed("bob", k1.public_key()));
        let bad = file(&format!("../etc {line}\n"));
        assert!(AuthMode::keys_from(bad.path()).is_err());
        let garbage = file("alice ssh-ed25519 notbase64\n");
        assert!(AuthMode::keys_from(garbage.path()).is_err());
        let rsa = file(&format!("alice {line}\nbob {RSA} bob@old\n"));
        let err = AuthMode::keys_from(rsa.path()).err().unwrap();
        assert!(
            err.ends_with(
                ":2: RSA keys are not supported: use an Ed25519 key (ssh-keygen -t ed25519)"
            ),
            "{err}"
        );
    }
}
