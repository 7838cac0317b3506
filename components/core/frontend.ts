// The frontend's port and protocol, shared by the Kubernetes layer (probes, Services) and the tooling
// that answers for a stack's outputs offline. Pure values.

/** The frontend container's HTTP port (the Dynamo frontend's default). */
export const FRONTEND_PORT = { name: "http", containerPort: 8000 } as const;

/** The frontend serves plain HTTP on 8000; TLS, when wanted, terminates in front of it (the edge). */
export const FRONTEND_PROTOCOL = "HTTP";

/** `http://host:8000`, for people reading stack outputs. */
export const frontendUrl = (host: string) => `${FRONTEND_PROTOCOL.toLowerCase()}://${host}:${FRONTEND_PORT.containerPort}`;
