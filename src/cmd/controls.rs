//! `kanrisaku controls`: the built-in reference clauses, for authors and auditors.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use serde::Serialize;

use crate::cli::{ControlsArgs, ListFormat};
use crate::reference::{BaselineId, Clause, ClauseId, Lang, Reference, StandardId};

#[derive(Serialize)]
struct ClauseView<'a> {
    standard: StandardId,
    #[serde(flatten)]
    clause: &'a Clause,
    /// 2013 ids: their 2022 successors; 2022 ids: their 2013 predecessors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    maps_to_2022: Vec<&'a ClauseId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    maps_from_2013: Vec<&'a ClauseId>,
}

#[derive(Serialize)]
struct Listing<'a> {
    /// The standard or baseline listed.
    standard: String,
    count: usize,
    clauses: Vec<ClauseView<'a>>,
}

fn view<'a>(reference: &'a Reference, standard: StandardId, clause: &'a Clause) -> ClauseView<'a> {
    let (to, from) = if standard.is_2022() {
        (Vec::new(), reference.from_2013(&clause.id).iter().collect())
    } else {
        (reference.to_2022(&clause.id).iter().collect(), Vec::new())
    };
    ClauseView {
        standard,
        clause,
        maps_to_2022: to,
        maps_from_2013: from,
    }
}

pub(super) fn run(args: ControlsArgs) -> Result<ExitCode> {
    let reference = Reference::get();
    let (name, standard, clauses): (String, StandardId, Vec<&Clause>) =
        match args.standard.parse::<StandardId>() {
            Ok(s) => (
                s.to_string(),
                s,
                reference.standard(s).clauses().iter().collect(),
            ),
            Err(_) => {
                let baseline: BaselineId = args.standard.parse().map_err(|e: String| {
                    anyhow!("{e} (standards: iso27017:2015, iso27002:2013, iso27002:2022)")
                })?;
                (
                    baseline.to_string(),
                    baseline.standard(),
                    reference.baseline(baseline),
                )
            }
        };
    let mut out = anstream::stdout().lock();

    if let Some(raw) = &args.id {
        let id = ClauseId::parse(raw)?;
        let found = clauses
            .iter()
            .find(|c| c.id == id)
            .map(|c| (standard, *c))
            .or_else(|| {
                StandardId::ALL
                    .into_iter()
                    .find_map(|s| reference.standard(s).clause(&id).map(|c| (s, c)))
            });
        let Some((standard, clause)) = found else {
            let hint = reference
                .suggest(standard, raw)
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            bail!("no clause `{raw}` in any built-in standard{hint}");
        };
        let v = view(reference, standard, clause);
        match args.format {
            ListFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            }
            ListFormat::Text => show(&mut out, reference, &v)?,
        }
        return Ok(ExitCode::SUCCESS);
    }

    let views: Vec<ClauseView> = clauses
        .iter()
        .map(|c| view(reference, standard, c))
        .collect();
    match args.format {
        ListFormat::Json => {
            let listing = Listing {
                standard: name,
                count: views.len(),
                clauses: views,
            };
            serde_json::to_writer_pretty(&mut out, &listing)?;
            writeln!(out)?;
        }
        ListFormat::Text => list(&mut out, &name, standard, &views, args.lang)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn list(
    out: &mut dyn Write,
    name: &str,
    standard: StandardId,
    views: &[ClauseView],
    lang: Lang,
) -> Result<()> {
    writeln!(out, "{name}: {} clauses", views.len())?;
    let cloud = standard == StandardId::Iso27017_2015;
    let mapped: Vec<String> = views.iter().map(mapped_ids).collect();
    // The widest list sets the column (2022's 5.15 maps from four 2013 controls), so the
    // titles after it line up.
    let width = mapped.iter().map(String::len).max().unwrap_or(0).max(10);
    let mapped_header = if standard.is_2022() { "2013" } else { "2022" };
    if cloud {
        writeln!(
            out,
            "{:<12} {:<4} {:<4} {mapped_header:<width$} TITLE",
            "ID", "CSP", "CSC"
        )?;
    } else {
        writeln!(out, "{:<12} {mapped_header:<width$} TITLE", "ID")?;
    }
    for (v, mapped) in views.iter().zip(&mapped) {
        let title = v.clause.title(lang);
        let id = v.clause.id.as_str();
        if cloud {
            let g = v.clause.guidance.unwrap_or_default();
            let yn = |b: bool| if b { "yes" } else { "-" };
            writeln!(
                out,
                "{id:<12} {:<4} {:<4} {mapped:<width$} {title}",
                yn(g.csp),
                yn(g.csc),
            )?;
        } else {
            writeln!(out, "{id:<12} {mapped:<width$} {title}")?;
        }
    }
    Ok(())
}

/// The other edition's ids, comma-separated, or `-`.
fn mapped_ids(v: &ClauseView) -> String {
    let ids: Vec<&str> = v
        .maps_to_2022
        .iter()
        .chain(&v.maps_from_2013)
        .map(|i| i.as_str())
        .collect();
    if ids.is_empty() {
        "-".to_string()
    } else {
        ids.join(",")
    }
}

fn show(out: &mut dyn Write, reference: &Reference, v: &ClauseView) -> Result<()> {
    let c = v.clause;
    writeln!(out, "{} {}", c.id, c.title_en)?;
    write!(out, "  ja: {}", c.title_ja)?;
    if c.title_ja_confirmed == Some(false) {
        write!(out, " (Japanese title not confirmed)")?;
    }
    writeln!(out)?;
    let std_ref = reference.standard(v.standard);
    let group = std_ref
        .group(c.group)
        .map(|g| format!(" {}", g.title_en))
        .unwrap_or_default();
    writeln!(out, "  standard: {} (group {}{group})", v.standard, c.group)?;
    if let Some(g) = c.guidance {
        writeln!(
            out,
            "  cloud guidance: provider (CSP) {}, customer (CSC) {}",
            if g.csp { "yes" } else { "no" },
            if g.csc { "yes" } else { "no" }
        )?;
    }
    if let Some(theme) = &c.theme {
        writeln!(
            out,
            "  theme: {theme}{}",
            if c.new_in_2022 { " (new in 2022)" } else { "" }
        )?;
    }
    let (label, ids, target) = if v.standard.is_2022() {
        (
            "ISO/IEC 27002:2013",
            &v.maps_from_2013,
            StandardId::Iso27002_2013,
        )
    } else {
        (
            "ISO/IEC 27002:2022",
            &v.maps_to_2022,
            StandardId::Iso27002_2022,
        )
    };
    for id in ids {
        let title = reference
            .standard(target)
            .clause(id)
            .map(|c| c.title_en)
            .unwrap_or("");
        writeln!(out, "  {label}: {id} {title}")?;
    }
    if let Some(a) = &c.attributes {
        writeln!(out, "  control type: {}", a.control_type.join(", "))?;
        writeln!(
            out,
            "  properties: {}",
            a.information_security_properties.join(", ")
        )?;
        writeln!(out, "  concepts: {}", a.cybersecurity_concepts.join(", "))?;
        writeln!(
            out,
            "  capabilities: {}",
            a.operational_capabilities.join(", ")
        )?;
        writeln!(out, "  domains: {}", a.security_domains.join(", "))?;
    }
    Ok(())
}
