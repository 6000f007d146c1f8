//! Embeds config/ and sample-cases/ into the binary so that `tafel` runs its demo from anywhere.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "ron") {
            out.push(path);
        }
    }
}

fn table(name: &str, root: &Path, dir: &str) -> String {
    let mut files = Vec::new();
    collect(&root.join(dir), &mut files);
    let mut code = format!("pub static {name}: &[(&str, &str)] = &[\n");
    for file in files {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({relative:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    code
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=config");
    println!("cargo:rerun-if-changed=config/rules");
    println!("cargo:rerun-if-changed=config/checklists");
    println!("cargo:rerun-if-changed=sample-cases");
    let mut code = table("CONFIG", &root, "config");
    code.push_str(&table("SAMPLE_CASES", &root, "sample-cases"));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, code).unwrap();
}
