// Pure routing decisions shared by the Route 53, Front Door and Traffic Manager components.

/** Route 53 failover record type for a regional stack's `role` output. */
export function failoverRecordType(role: string): "PRIMARY" | "SECONDARY" {
  return role === "primary" ? "PRIMARY" : "SECONDARY";
}

/** Traffic Manager routing method for the configured mode. */
export function trafficManagerMethod(mode: string, activeActive: string): "Priority" | "Performance" | "Weighted" {
  if (mode === "active-passive") return "Priority";
  return activeActive === "weighted" ? "Weighted" : "Performance";
}

/** Front Door origin priority: the region's own in active-passive, all equal (1) in active-active. */
export function originPriority(mode: string, priority: number): number {
  return mode === "active-passive" ? priority : 1;
}

/** Front Door probe protocol and origin forwarding protocol for the regions' `frontendProtocol`. */
export function frontDoorProtocols(protocol: string): { probe: "Http" | "Https"; forwarding: "HttpOnly" | "HttpsOnly" } {
  return protocol === "HTTPS" ? { probe: "Https", forwarding: "HttpsOnly" } : { probe: "Http", forwarding: "HttpOnly" };
}

/** A Front Door origin's ports: the region's port for its protocol, the standard port for the other. */
export function originPorts(protocol: string, port: number): { httpPort: number; httpsPort: number } {
  return protocol === "HTTPS" ? { httpPort: 80, httpsPort: port } : { httpPort: port, httpsPort: 443 };
}

/** A DNS label for names that must be unique (Traffic Manager's `<label>.trafficmanager.net`). */
export function dnsLabel(...parts: string[]): string {
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 63)
    .replace(/-$/, "");
}
