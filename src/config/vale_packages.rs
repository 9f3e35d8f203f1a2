//! Vale `Packages` read from local folders and zips (replylint downloads
//! nothing): a package holds `styles/` with one folder per style (and,
//! in a zip, usually one top-level folder around it), or is one style's
//! folder. A zip is extracted once into the temporary folder, keyed by
//! its path, size and modification time. A package named by the Vale hub
//! or a URL is what `vale sync` puts under StylesPath: found there, or
//! reported missing with its style.

use std::path::{Path, PathBuf};

/// The folder holding the style folders of `package` (written in the
/// configuration in `dir`), `None` for a hub name or URL, or why it
/// cannot be read.
pub fn root(dir: &Path, package: &str) -> Result<Option<PathBuf>, String> {
    let is_path = package.contains('/') || package.starts_with('.') || package.ends_with(".zip");
    if !is_path || package.starts_with("http://") || package.starts_with("https://") {
        return Ok(None);
    }
    let path = dir.join(package);
    let folder = if path.extension().is_some_and(|e| e == "zip") {
        extract(&path).map_err(|why| format!("package `{package}`: {why}"))?
    } else if path.is_dir() {
        path
    } else {
        return Err(format!(
            "package `{package}` not found at {}",
            path.display()
        ));
    };
    styles_in(&folder)
        .map(Some)
        .ok_or_else(|| format!("package `{package}` holds no styles"))
}

/// The folder of style folders in a package's `folder`: its `styles/`, the
/// `styles/` of its one top-level folder, or the folder around a style
/// folder.
fn styles_in(folder: &Path) -> Option<PathBuf> {
    if folder.join("styles").is_dir() {
        return Some(folder.join("styles"));
    }
    let subfolders: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    if let [only] = subfolders.as_slice() {
        if only.join("styles").is_dir() {
            return Some(only.join("styles"));
        }
    }
    let holds_rules = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "yml" || x == "yaml")
            })
        })
    };
    if holds_rules(folder) {
        return folder.parent().map(Path::to_path_buf);
    }
    subfolders
        .iter()
        .any(|f| holds_rules(f))
        .then(|| folder.to_path_buf())
}

/// Extracts the zip at `path` (once per version of it) and returns where.
fn extract(path: &Path) -> Result<PathBuf, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("package");
    let absolute = super::paths::absolute(path);
    let key = format!(
        "{stem}-{:016x}-{}-{modified}",
        fnv(&absolute.display().to_string()),
        meta.len()
    );
    let target = std::env::temp_dir()
        .join("replylint-vale-packages")
        .join(key);
    if target.is_dir() {
        return Ok(target);
    }
    let partial = target.with_extension(format!("partial-{}", std::process::id()));
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("not a zip: {e}"))?;
    archive
        .extract(&partial)
        .map_err(|e| format!("cannot be extracted: {e}"))?;
    // Another run may have extracted it meanwhile: either copy will do.
    if std::fs::rename(&partial, &target).is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    Ok(target)
}

/// FNV-1a of `text`: a short, stable key for a path.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn folders_and_zips_give_their_style_folders() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("vendor/Pack/styles/Team");
        std::fs::create_dir_all(&pack).unwrap();
        std::fs::write(pack.join("Rule.yml"), "extends: existence\n").unwrap();
        assert_eq!(
            root(dir.path(), "vendor/Pack").unwrap(),
            Some(dir.path().join("vendor/Pack/styles"))
        );
        assert_eq!(
            root(dir.path(), "vendor/Pack/styles/Team").unwrap(),
            Some(dir.path().join("vendor/Pack/styles"))
        );
        assert_eq!(root(dir.path(), "Google").unwrap(), None);
        assert!(root(dir.path(), "vendor/Nope").is_err());

        let zip_path = dir.path().join("Zipped.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("Zipped/styles/Zed/Rule.yml", options)
            .unwrap();
        zip.write_all(b"extends: existence\n").unwrap();
        zip.finish().unwrap();
        let found = root(dir.path(), "Zipped.zip").unwrap().unwrap();
        assert!(found.join("Zed/Rule.yml").is_file(), "{}", found.display());
        std::fs::write(dir.path().join("bad.zip"), b"not a zip").unwrap();
        assert!(root(dir.path(), "bad.zip")
            .unwrap_err()
            .contains("not a zip"));
    }
}
