//! Which address the preview's links use, and what `loa serve` prints.
//!
//! Listening on every interface (`--bind 0.0.0.0` or `::`) is how an editor
//! opens the preview on a phone. `0.0.0.0` is no address a phone can open,
//! so the preview is built for the machine's address on the local network
//! (its canonical links, feeds and QR codes), and every such address is
//! printed.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::messages::msg;
use crate::messages::Message;

/// One address of one network interface of this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InterfaceAddress {
    /// The interface's name (`wlan0`, `eth0`, `docker0`...).
    pub interface: String,
    pub ip: IpAddr,
}

/// Where the preview is served and the base URL it is built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Preview {
    /// `http://HOST:PORT`: the `base_url` of the preview build.
    pub base_url: String,
    /// What the terminal shows once the site is served.
    pub lines: Vec<Message>,
}

/// The addresses of this machine's network interfaces; none when they
/// cannot be read.
pub(crate) fn interface_addresses() -> Vec<InterfaceAddress> {
    if_addrs::get_if_addrs()
        .map(|interfaces| {
            interfaces
                .into_iter()
                .map(|interface| InterfaceAddress {
                    ip: interface.ip(),
                    interface: interface.name,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The preview's base URL and the lines to print, for `bind` (as given to
/// `--bind`), `port` and this machine's `interfaces`.
///
/// A specific address is used as it is. On every interface (`0.0.0.0`,
/// `::`), the base URL is the first address a phone on the same network can
/// open: IPv4 first (`::` also takes IPv4 connections), interfaces of
/// containers and virtual machines last. Without one, the preview falls
/// back to `127.0.0.1` and says so.
pub fn preview(bind: &str, port: u16, interfaces: &[InterfaceAddress]) -> Preview {
    let bare = bind.trim_start_matches('[').trim_end_matches(']');
    let listen: Option<IpAddr> = bare.parse().ok();
    let Some(listen) = listen.filter(IpAddr::is_unspecified) else {
        let url = url(bare, port);
        return Preview {
            lines: vec![msg!("serve.serving-at", url = &url)],
            base_url: url,
        };
    };
    let reachable = reachable(listen, interfaces);
    let mut lines = vec![msg!("serve.serving-everywhere")];
    let base_url = match reachable.first() {
        Some(first) => {
            let base = url(&first.to_string(), port);
            lines.push(msg!("serve.on-a-phone", url = &base));
            for ip in &reachable[1..] {
                lines.push(msg!("serve.also-at", url = url(&ip.to_string(), port)));
            }
            lines.push(msg!(
                "serve.on-this-computer",
                url = url(&Ipv4Addr::LOCALHOST.to_string(), port)
            ));
            base
        }
        None => {
            let base = url(&Ipv4Addr::LOCALHOST.to_string(), port);
            lines.push(msg!("serve.on-this-computer", url = &base));
            lines.push(msg!("serve.no-network", url = &base));
            base
        }
    };
    Preview { base_url, lines }
}

/// `http://host:port`, with an IPv6 address in brackets.
fn url(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("http://[{host}]:{port}")
    } else {
        format!("http://{host}:{port}")
    }
}

/// The addresses another device may reach when listening on `listen` (an
/// unspecified address), best first.
fn reachable(listen: IpAddr, interfaces: &[InterfaceAddress]) -> Vec<IpAddr> {
    let mut found: Vec<(u8, IpAddr)> = interfaces
        .iter()
        .filter_map(|address| {
            let rank = match address.ip {
                IpAddr::V4(ip) if ip.is_loopback() || ip.is_unspecified() => return None,
                // A self-assigned address: the network gave none.
                IpAddr::V4(ip) if ip.is_link_local() => 2,
                IpAddr::V4(_) => 0,
                // Only `::` takes IPv6 connections. A link-local address
                // needs a zone that a browser's address bar does not take.
                IpAddr::V6(_) if listen.is_ipv4() => return None,
                IpAddr::V6(ip) if !is_global_enough(ip) => return None,
                IpAddr::V6(_) => 3,
            };
            let virtual_last = u8::from(is_virtual(&address.interface));
            Some((rank * 2 + virtual_last, address.ip))
        })
        .collect();
    // Stable: the system's order within a rank.
    found.sort_by_key(|(rank, _)| *rank);
    let mut seen = Vec::with_capacity(found.len());
    for (_, ip) in found {
        if !seen.contains(&ip) {
            seen.push(ip);
        }
    }
    seen
}

fn is_global_enough(ip: Ipv6Addr) -> bool {
    !(ip.is_loopback() || ip.is_unspecified() || ip.is_unicast_link_local() || ip.is_multicast())
}

/// Interfaces of containers and virtual machines, which a phone cannot
/// reach.
fn is_virtual(interface: &str) -> bool {
    let name = interface.to_ascii_lowercase();
    [
        "docker",
        "br-",
        "veth",
        "virbr",
        "vmnet",
        "vboxnet",
        "podman",
        "cni",
        "lxc",
        "lxd",
        "vethernet",
        "zt",
        "tailscale",
        "tun",
        "tap",
        "utun",
        "wg",
    ]
    .iter()
    .any(|prefix| name.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(interface: &str, ip: &str) -> InterfaceAddress {
        InterfaceAddress {
            interface: interface.to_string(),
            ip: ip.parse().unwrap(),
        }
    }

    fn en(lines: &[Message]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.render(crate::messages::Lang::En))
            .collect()
    }

    fn laptop() -> Vec<InterfaceAddress> {
        vec![
            at("lo", "127.0.0.1"),
            at("docker0", "172.17.0.1"),
            at("wlan0", "192.168.1.23"),
            at("eth0", "10.0.0.7"),
            at("lo", "::1"),
            at("wlan0", "fe80::1c2d:3e4f:5a6b:7c8d"),
            at("wlan0", "2001:db8::23"),
        ]
    }

    #[test]
    fn a_specific_address_is_used_as_it_is() {
        let preview = preview("127.0.0.1", 1111, &laptop());
        assert_eq!(preview.base_url, "http://127.0.0.1:1111");
        assert_eq!(
            en(&preview.lines),
            ["serving at http://127.0.0.1:1111/, drafts included (Ctrl+C to stop)"]
        );
        assert_eq!(
            super::preview("192.168.1.5", 8080, &laptop()).base_url,
            "http://192.168.1.5:8080"
        );
        assert_eq!(
            super::preview("::1", 1111, &laptop()).base_url,
            "http://[::1]:1111"
        );
        assert_eq!(
            super::preview("[::1]", 1111, &[]).base_url,
            "http://[::1]:1111"
        );
        assert_eq!(
            super::preview("localhost", 1111, &[]).base_url,
            "http://localhost:1111"
        );
    }

    #[test]
    fn every_interface_uses_the_first_lan_ipv4_address() {
        let preview = preview("0.0.0.0", 1111, &laptop());
        assert_eq!(preview.base_url, "http://192.168.1.23:1111");
        assert_eq!(
            en(&preview.lines),
            [
                "serving on every network interface, drafts included (Ctrl+C to stop):",
                "  http://192.168.1.23:1111/   on a phone on the same network (the preview's links use this address)",
                "  http://10.0.0.7:1111/",
                "  http://172.17.0.1:1111/",
                "  http://127.0.0.1:1111/   on this computer",
            ]
        );
        assert!(!en(&preview.lines).concat().contains("0.0.0.0"));
    }

    #[test]
    fn every_ipv6_interface_lists_ipv4_first_then_ipv6() {
        for bind in ["::", "[::]", "0:0:0:0:0:0:0:0"] {
            let preview = preview(bind, 1111, &laptop());
            assert_eq!(preview.base_url, "http://192.168.1.23:1111", "{bind}");
            assert_eq!(
                en(&preview.lines)[1..4],
                [
                    "  http://192.168.1.23:1111/   on a phone on the same network (the preview's links use this address)",
                    "  http://10.0.0.7:1111/",
                    "  http://172.17.0.1:1111/",
                ]
            );
            assert_eq!(en(&preview.lines)[4], "  http://[2001:db8::23]:1111/");
            assert!(!en(&preview.lines).concat().contains("fe80"), "{bind}");
            assert!(!en(&preview.lines).concat().contains("[::]"), "{bind}");
        }
        // Only IPv6 on the network: its address, in brackets.
        let only_v6 = [at("lo", "127.0.0.1"), at("eth0", "2001:db8::5")];
        assert_eq!(
            preview("::", 80, &only_v6).base_url,
            "http://[2001:db8::5]:80"
        );
        // `0.0.0.0` takes no IPv6 connection.
        assert_eq!(
            preview("0.0.0.0", 80, &only_v6).base_url,
            "http://127.0.0.1:80"
        );
    }

    #[test]
    fn without_a_network_the_preview_falls_back_to_this_computer() {
        for interfaces in [vec![], vec![at("lo", "127.0.0.1"), at("lo", "::1")]] {
            let preview = preview("0.0.0.0", 1111, &interfaces);
            assert_eq!(preview.base_url, "http://127.0.0.1:1111");
            assert_eq!(
                en(&preview.lines)[1],
                "  http://127.0.0.1:1111/   on this computer"
            );
            assert!(
                en(&preview.lines)[2].starts_with(
                    "warning: this computer has no network address other than 127.0.0.1"
                ),
                "{:?}",
                en(&preview.lines)
            );
            assert!(en(&preview.lines)[2].contains("help: connect"));
        }
    }

    #[test]
    fn a_self_assigned_address_comes_after_the_network_s() {
        let interfaces = [at("eth1", "169.254.3.4"), at("wlan0", "10.1.2.3")];
        assert_eq!(
            preview("0.0.0.0", 1, &interfaces).base_url,
            "http://10.1.2.3:1"
        );
        // A container's bridge is still better than nothing.
        let interfaces = [at("docker0", "172.17.0.1")];
        assert_eq!(
            preview("0.0.0.0", 1, &interfaces).base_url,
            "http://172.17.0.1:1"
        );
    }
}
