//! `NO_PROXY`: the hosts reached directly, as curl, Go and the AWS SDKs
//! read the list.
//!
//! - Entries are separated by commas (spaces around them are ignored).
//! - `*` alone: every host.
//! - A name matches itself and every name below it: `example.com`,
//!   `.example.com` and `*.example.com` all match `example.com` and
//!   `api.example.com`, never `notexample.com`. Case is ignored, and so is
//!   a trailing dot.
//! - An IP address matches that address; a CIDR block (`10.0.0.0/8`,
//!   `fd00::/8`) every address in it. Only hosts written as addresses
//!   match these: names are not resolved.
//! - `:port` after a name or address (`[::1]:8080` for IPv6) limits the
//!   entry to that port; without it every port matches.
//!
//! Nothing is bypassed implicitly (loopback hosts included), as with curl:
//! `NO_PROXY=localhost,127.0.0.1` says it when it is wanted. An entry that
//! is none of the above is a name that matches nothing real, never an
//! error: a list shared with other tools must not stop the client.

use std::net::IpAddr;

/// A parsed `NO_PROXY` list.
#[derive(Clone, Debug, Default)]
pub(crate) struct NoProxy {
    all: bool,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    host: Host,
    port: Option<u16>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Host {
    /// A name, lowercase, without leading `.`/`*.` or trailing `.`.
    Name(String),
    /// An address block: `prefix` leading bits of `network` (all of them
    /// for a single address).
    Block { network: IpAddr, prefix: u8 },
}

impl NoProxy {
    pub(crate) fn parse(list: &str) -> NoProxy {
        let mut no_proxy = NoProxy::default();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if entry == "*" {
                no_proxy.all = true;
            } else if let Some(entry) = Entry::parse(entry) {
                no_proxy.entries.push(entry);
            }
        }
        no_proxy
    }

    /// Whether a request to `host` (as in a URI: IPv6 in brackets) on
    /// `port` goes directly.
    pub(crate) fn matches(&self, host: &str, port: u16) -> bool {
        if self.all {
            return true;
        }
        if self.entries.is_empty() {
            return false;
        }
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let address = host.parse::<IpAddr>().ok();
        let name = host.trim_end_matches('.').to_ascii_lowercase();
        self.entries.iter().any(|entry| {
            entry.port.is_none_or(|p| p == port)
                && match (&entry.host, address) {
                    (Host::Block { network, prefix }, Some(address)) => {
                        in_block(address, *network, *prefix)
                    }
                    (Host::Name(suffix), None) => {
                        name == *suffix
                            || name
                                .strip_suffix(suffix.as_str())
                                .is_some_and(|head| head.ends_with('.'))
                    }
                    _ => false,
                }
        })
    }
}

impl Entry {
    fn parse(text: &str) -> Option<Entry> {
        // An IPv6 address, alone or as a block: no port can follow.
        if let Some(host) = block(text) {
            return Some(Entry { host, port: None });
        }
        // `[v6]` or `[v6]:port`.
        if let Some(rest) = text.strip_prefix('[') {
            let (address, after) = rest.split_once(']')?;
            let port = match after {
                "" => None,
                after => Some(after.strip_prefix(':')?.parse().ok()?),
            };
            let network: IpAddr = address.parse().ok()?;
            return Some(Entry {
                host: Host::Block {
                    network,
                    prefix: full_prefix(network),
                },
                port,
            });
        }
        let (host, port) = match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port.parse().ok()?)),
            None => (text, None),
        };
        if let Some(host) = block(host) {
            return Some(Entry { host, port });
        }
        let name = host
            .strip_prefix("*.")
            .or_else(|| host.strip_prefix('.'))
            .unwrap_or(host)
            .trim_end_matches('.')
            .to_ascii_lowercase();
        (!name.is_empty()).then_some(Entry {
            host: Host::Name(name),
            port,
        })
    }
}

/// An address (`10.1.2.3`, `::1`) or a CIDR block (`10.0.0.0/8`).
fn block(text: &str) -> Option<Host> {
    let (address, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (text, None),
    };
    let network: IpAddr = address.parse().ok()?;
    let full = full_prefix(network);
    let prefix = match prefix {
        Some(prefix) => prefix.parse::<u8>().ok().filter(|&p| p <= full)?,
        None => full,
    };
    Some(Host::Block { network, prefix })
}

fn full_prefix(address: IpAddr) -> u8 {
    match address {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn in_block(address: IpAddr, network: IpAddr, prefix: u8) -> bool {
    match (address, network) {
        (IpAddr::V4(address), IpAddr::V4(network)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(address) & mask == u32::from(network) & mask
        }
        (IpAddr::V6(address), IpAddr::V6(network)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(address) & mask == u128::from(network) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn direct(list: &str, host: &str, port: u16) -> bool {
        NoProxy::parse(list).matches(host, port)
    }

    #[test]
    fn names_match_themselves_and_their_subdomains() {
        for list in [
            "example.com",
            ".example.com",
            "*.example.com",
            "EXAMPLE.com.",
        ] {
            assert!(direct(list, "example.com", 443), "{list}");
            assert!(direct(list, "api.Example.com", 443), "{list}");
            assert!(direct(list, "a.b.example.com.", 80), "{list}");
            assert!(!direct(list, "notexample.com", 443), "{list}");
            assert!(!direct(list, "example.com.evil", 443), "{list}");
        }
        assert!(!direct("", "example.com", 443));
        assert!(!direct("ample.com", "example.com", 443));
    }

    #[test]
    fn a_list_separated_by_commas_with_spaces() {
        let list = " internal.corp , , 169.254.169.254,localhost ";
        assert!(direct(list, "git.internal.corp", 443));
        assert!(direct(list, "169.254.169.254", 80));
        assert!(direct(list, "localhost", 4566));
        assert!(!direct(list, "127.0.0.1", 4566), "nothing is implicit");
    }

    #[test]
    fn a_star_alone_matches_everything() {
        assert!(direct("*", "anything.example", 1));
        assert!(direct("foo, *", "[::1]", 1));
    }

    #[test]
    fn addresses_and_cidr_blocks() {
        assert!(direct("10.0.0.0/8", "10.200.3.4", 443));
        assert!(!direct("10.0.0.0/8", "11.0.0.1", 443));
        assert!(direct("192.168.1.7", "192.168.1.7", 80));
        assert!(!direct("192.168.1.7", "192.168.1.8", 80));
        assert!(direct("0.0.0.0/0", "8.8.8.8", 80));
        assert!(direct("::1", "[::1]", 80));
        assert!(direct("fd00::/8", "[fd12::5]", 80));
        assert!(!direct("fd00::/8", "[fe80::1]", 80));
        // Names are not resolved, and addresses never match names.
        assert!(!direct("127.0.0.1", "localhost", 80));
        assert!(!direct("localhost", "127.0.0.1", 80));
        // A bad block is a name that matches nothing.
        assert!(!direct("10.0.0.0/33", "10.0.0.1", 80));
    }

    #[test]
    fn ports_limit_an_entry() {
        assert!(direct("localhost:4566", "localhost", 4566));
        assert!(!direct("localhost:4566", "localhost", 443));
        assert!(direct("127.0.0.1:8080", "127.0.0.1", 8080));
        assert!(!direct("127.0.0.1:8080", "127.0.0.1", 80));
        assert!(direct("[::1]:8080", "[::1]", 8080));
        assert!(!direct("[::1]:8080", "[::1]", 80));
        assert!(direct(".corp:443", "a.corp", 443));
        assert!(!direct("host:notaport", "host", 80));
    }
}
