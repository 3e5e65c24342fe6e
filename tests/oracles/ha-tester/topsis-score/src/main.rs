// Scores nodes with upstream's pve_static::score_nodes_to_start_service, for the ha-tester's static mode.
// stdin, one request per line: "<svc_maxcpu> <svc_maxmem>;<name> <cpu> <maxcpu> <mem> <maxmem>;..."
// stdout: "<name> <score>" pairs separated by ';', or "ERR <message>".
#[macro_use]
pub mod topsis;
pub mod pve_static;
use std::io::{BufRead, Write};
fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        let mut parts = line.split(';');
        let svc: Vec<&str> = parts.next().unwrap().split_whitespace().collect();
        let service = pve_static::StaticServiceUsage { maxcpu: svc[0].parse().unwrap(), maxmem: svc[1].parse().unwrap() };
        let nodes: Vec<pve_static::StaticNodeUsage> = parts.filter(|p| !p.is_empty()).map(|p| {
            let f: Vec<&str> = p.split_whitespace().collect();
            pve_static::StaticNodeUsage { name: f[0].to_string(), cpu: f[1].parse().unwrap(), maxcpu: f[2].parse().unwrap(), mem: f[3].parse().unwrap(), maxmem: f[4].parse().unwrap() }
        }).collect();
        match pve_static::score_nodes_to_start_service(&nodes, &service) {
            Ok(scores) => { let s: Vec<String> = scores.iter().map(|(n, v)| format!("{} {:e}", n, v)).collect(); writeln!(out, "{}", s.join(";")).unwrap(); }
            Err(e) => writeln!(out, "ERR {}", e).unwrap(),
        }
        out.flush().unwrap();
    }
}
