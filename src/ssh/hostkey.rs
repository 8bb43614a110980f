//! The server's Ed25519 host key: generated on first start, kept in the data directory with
//! mode 0600 (OpenSSH's private key format), so students see the same key after every
//! restart and can check its fingerprint.

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// File name of the host key inside the data directory.
pub const FILE: &str = "ssh_host_ed25519_key";

/// The host key in `dir`, created when missing; the flag says whether it was just created.
/// A key readable by others is made private again (and the caller is told).
pub fn load_or_create(dir: &Path) -> io::Result<(PrivateKey, Loaded)> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.trim_end()).map_err(|e| {
                io::Error::other(format!(
                    "the host key {} is unreadable: {e}",
                    path.display()
                ))
            })?;
            if !matches!(key.key_data(), KeypairData::Ed25519(_)) {
                return Err(io::Error::other(format!(
                    "the host key {} is not an Ed25519 key",
                    path.display()
                )));
            }
            let tightened = tighten(&path)?;
            Ok((key, Loaded::Existing { path, tightened }))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let key = generate();
            write_new(&path, &key)?;
            Ok((key, Loaded::Created(path)))
        }
        Err(e) => Err(e),
    }
}

/// How the host key was found.
#[derive(Debug)]
pub enum Loaded {
    Created(PathBuf),
    /// `tightened`: its mode let others read it and was set to 0600.
    Existing {
        path: PathBuf,
        tightened: bool,
    },
}

pub fn generate() -> PrivateKey {
    let seed: [u8; 32] = rand::random();
    PrivateKey::from(Ed25519Keypair::from_seed(&seed))
}

/// `SHA256:...`, as `ssh` shows it when it first meets the server.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// The public key as one `authorized_keys`/`known_hosts` style line.
pub fn public_line(key: &PrivateKey) -> String {
    key.public_key().to_openssh().unwrap_or_default()
}

fn write_new(path: &Path, key: &PrivateKey) -> io::Result<()> {
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// Sets the mode to 0600 when group or others may read the key.
fn tighten(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            return Ok(true);
        }
    }
    let _ = path;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, how) = load_or_create(dir.path()).unwrap();
        assert!(matches!(how, Loaded::Created(_)));
        let (k2, how) = load_or_create(dir.path()).unwrap();
        assert!(matches!(
            how,
            Loaded::Existing {
                tightened: false,
                ..
            }
        ));
        assert_eq!(fingerprint(&k1), fingerprint(&k2));
        assert!(fingerprint(&k1).starts_with("SHA256:"));
        assert!(public_line(&k1).starts_with("ssh-ed25519 "));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = dir.path().join(FILE);
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let (_, how) = load_or_create(dir.path()).unwrap();
            assert!(matches!(
                how,
                Loaded::Existing {
                    tightened: true,
                    ..
                }
            ));
        }
    }
}
