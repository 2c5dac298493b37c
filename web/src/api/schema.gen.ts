// Generated from /api/v1/openapi.json by `npm run gen:api-types` (src/web-api-types.ts).
// Do not edit: change the route schemas and regenerate; test/web-api-types.test.ts fails when this is stale.

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The node's Ed25519 public keys (JWK set, kid = RFC 7638 thumbprint), then its X25519 encryption key bound to the signing key */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: ({
                                /** @enum {string} */
                                alg: "EdDSA";
                                created?: string;
                                /** @enum {string} */
                                crv: "Ed25519";
                                kid: string;
                                /** @enum {string} */
                                kty: "OKP";
                                retired?: string;
                                /** @enum {string} */
                                use: "sig";
                                x: string;
                            } | {
                                /** @enum {string} */
                                alg: "ECDH-ES";
                                binding: string;
                                /** @enum {string} */
                                crv: "X25519";
                                kid: string;
                                /** @enum {string} */
                                kty: "OKP";
                                /** @enum {string} */
                                use: "enc";
                                x: string;
                            })[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations (registry parties) that have industry users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                activeUsers: number;
                                /** Format: uuid */
                                organisationId: string;
                                users: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/organisations/{organisationId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users of one organisation */
        get: {
            parameters: {
                query?: {
                    active?: "true" | "false";
                    agencyPartyId?: string;
                    cursor?: string;
                    limit?: number;
                    role?: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                    username?: string;
                };
                header?: never;
                path: {
                    organisationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (your own; administrators see all or filter by user) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    includeRevoked?: "true" | "false";
                    limit?: number;
                    userId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                revokedAt: string | null;
                                revokeReason: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                /** Format: uuid */
                                userId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API token; its secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresInDays?: number;
                        name: string;
                        /** Format: uuid */
                        userId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            token: {
                                createdAt: string;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                revokedAt: string | null;
                                revokeReason: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                /** Format: uuid */
                                userId: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string;
                            /** Format: uuid */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            prefix: string;
                            revokedAt: string | null;
                            revokeReason: string | null;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            /** Format: uuid */
                            userId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    active?: "true" | "false";
                    agencyPartyId?: string;
                    cursor?: string;
                    limit?: number;
                    organisationId?: string;
                    role?: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                    username?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user (a person gets a one-time password, shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agencyPartyId?: string | null;
                        displayName: string;
                        /**
                         * @default person
                         * @enum {string}
                         */
                        kind?: "person" | "machine";
                        organisationId?: string | null;
                        /** @enum {string} */
                        role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry";
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            oneTimePassword: string | null;
                            user: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            agencyPartyId: string | null;
                            createdAt: string;
                            deactivatedAt: string | null;
                            deactivationReason: string | null;
                            displayName: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "machine";
                            lockedUntil: string | null;
                            mustChangePassword: boolean;
                            organisationId: string | null;
                            passwordChangedAt: string | null;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            username: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user’s name, role or organisation (a role change revokes their sessions and tokens) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agencyPartyId?: string | null;
                        displayName?: string;
                        organisationId?: string | null;
                        reason: string;
                        /** @enum {string} */
                        role?: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            agencyPartyId: string | null;
                            createdAt: string;
                            deactivatedAt: string | null;
                            deactivationReason: string | null;
                            displayName: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "machine";
                            lockedUntil: string | null;
                            mustChangePassword: boolean;
                            organisationId: string | null;
                            passwordChangedAt: string | null;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            username: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/accounts/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate a user and revoke their sessions and tokens */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            agencyPartyId: string | null;
                            createdAt: string;
                            deactivatedAt: string | null;
                            deactivationReason: string | null;
                            displayName: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "machine";
                            lockedUntil: string | null;
                            mustChangePassword: boolean;
                            organisationId: string | null;
                            passwordChangedAt: string | null;
                            revokedCredentials: number;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new one-time password (shown once) and unlock */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            oneTimePassword: string;
                            user: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a sign-in lockout */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            agencyPartyId: string | null;
                            createdAt: string;
                            deactivatedAt: string | null;
                            deactivationReason: string | null;
                            displayName: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "machine";
                            lockedUntil: string | null;
                            mustChangePassword: boolean;
                            organisationId: string | null;
                            passwordChangedAt: string | null;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signed checkpoints, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                at: string;
                                id: string;
                                /** @description RFC 7638 thumbprint of the signing key, see /.well-known/jwks.json */
                                kid: string;
                                /** @description `text`, a blank line and the signature line */
                                note: string;
                                origin: string;
                                /** @description base64 SHA-256 */
                                rootHash: string;
                                /** @description base64 Ed25519 signature over `text` */
                                signature: string;
                                /** @description the exact signed bytes (UTF-8) */
                                text: string;
                                treeSize: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Sign a checkpoint of the log now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            id: string;
                            /** @description RFC 7638 thumbprint of the signing key, see /.well-known/jwks.json */
                            kid: string;
                            /** @description `text`, a blank line and the signature line */
                            note: string;
                            origin: string;
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            /** @description base64 Ed25519 signature over `text` */
                            signature: string;
                            /** @description the exact signed bytes (UTF-8) */
                            text: string;
                            treeSize: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/checkpoints/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (tree size, root hash, time, key id) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            id: string;
                            /** @description RFC 7638 thumbprint of the signing key, see /.well-known/jwks.json */
                            kid: string;
                            /** @description `text`, a blank line and the signature line */
                            note: string;
                            origin: string;
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            /** @description base64 Ed25519 signature over `text` */
                            signature: string;
                            /** @description the exact signed bytes (UTF-8) */
                            text: string;
                            treeSize: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse the audit log, newest first, with filters */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actorId?: string;
                    actorName?: string;
                    cursor?: string;
                    entity?: string;
                    entityId?: string;
                    /** @description entries at or after (ISO 8601) */
                    from?: string;
                    limit?: number;
                    /** @description entries before (ISO 8601) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorId: string | null;
                                actorKind: string;
                                actorName: string;
                                actorRole: string;
                                at: string;
                                entity: string;
                                entityId: string;
                                id: string;
                                /** @description RFC 6962 leaf hash: SHA-256(0x00 ‖ canonical JSON of the entry without leafHash) */
                                leafHash: string;
                                reason: string | null;
                                seq: number;
                                stateHash: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/entries/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit entry by seq or id */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description seq (0-based leaf index) or entry id (UUID) */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: string;
                            actorId: string | null;
                            actorKind: string;
                            actorName: string;
                            actorRole: string;
                            at: string;
                            entity: string;
                            entityId: string;
                            id: string;
                            /** @description RFC 6962 leaf hash: SHA-256(0x00 ‖ canonical JSON of the entry without leafHash) */
                            leafHash: string;
                            reason: string | null;
                            seq: number;
                            stateHash: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 6962 consistency proof between two tree sizes */
        get: {
            parameters: {
                query: {
                    from: number;
                    /** @description default: the current size */
                    to?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description base64 SHA-256 */
                            fromRoot: string;
                            fromSize: number;
                            proof: string[];
                            /** @description base64 SHA-256 */
                            toRoot: string;
                            toSize: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** RFC 6962 inclusion proof of an entry (by seq or id) */
        get: {
            parameters: {
                query?: {
                    id?: string;
                    seq?: number;
                    /** @description default: the latest checkpoint covering the entry, else the current size */
                    treeSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkpoint: {
                                at: string;
                                id: string;
                                /** @description RFC 7638 thumbprint of the signing key, see /.well-known/jwks.json */
                                kid: string;
                                /** @description `text`, a blank line and the signature line */
                                note: string;
                                origin: string;
                                /** @description base64 SHA-256 */
                                rootHash: string;
                                /** @description base64 Ed25519 signature over `text` */
                                signature: string;
                                /** @description the exact signed bytes (UTF-8) */
                                text: string;
                                treeSize: number;
                            } | null;
                            entryId: string;
                            /** @description base64 SHA-256 */
                            leafHash: string;
                            proof: string[];
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            seq: number;
                            treeSize: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the tree, check every checkpoint and re-hash every audited record (as `custodia audit verify`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkpointsChecked: number;
                            durationMs: number;
                            entriesChecked: number;
                            nodesChecked: number;
                            ok: boolean;
                            problemCount: number;
                            problems: {
                                checkpointId?: string;
                                entity?: string;
                                entityId?: string;
                                entryId?: string;
                                kind: string;
                                message: string;
                                node?: {
                                    index: number;
                                    level: number;
                                };
                                seq?: number;
                            }[];
                            recordsChecked: number;
                            recordsSkipped: {
                                entity: string;
                                records: number;
                            }[];
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            treeSize: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with username and password; sets the session cookie and returns the CSRF token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            session: {
                                createdAt: string;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                idleExpiresAt: string;
                            };
                            user: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: revokes the current session and clears its cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            revoked: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (ends your other sessions) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            agencyPartyId: string | null;
                            createdAt: string;
                            deactivatedAt: string | null;
                            deactivationReason: string | null;
                            displayName: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "machine";
                            lockedUntil: string | null;
                            mustChangePassword: boolean;
                            organisationId: string | null;
                            passwordChangedAt: string | null;
                            /** @enum {string} */
                            role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                            username: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: the signed-in user, the acting role and the CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: {
                                agencyPartyId?: string | null;
                                /** @enum {string} */
                                kind: "user" | "token" | "system" | "anonymous";
                                name: string;
                                organisationId: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                userId: string | null;
                            };
                            csrfToken: string | null;
                            session: {
                                createdAt: string;
                                expiresAt: string;
                                /** Format: uuid */
                                id: string;
                                idleExpiresAt: string;
                            } | null;
                            user: {
                                active: boolean;
                                agencyPartyId: string | null;
                                createdAt: string;
                                deactivatedAt: string | null;
                                deactivationReason: string | null;
                                displayName: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "machine";
                                lockedUntil: string | null;
                                mustChangePassword: boolean;
                                organisationId: string | null;
                                passwordChangedAt: string | null;
                                /** @enum {string} */
                                role: "administrator" | "registry_clerk" | "licensing_officer" | "licensing_supervisor" | "tracing_officer" | "customs_officer" | "auditor" | "point_of_contact" | "industry" | "public";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/cases/{reference}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A licensing case's import authorisation checks and transit notifications, and the signed answers received to them (Art. 10(2) evidence as it arrives) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            received: {
                                answerId: string | null;
                                /** @enum {string} */
                                effect: "none" | "applied" | "queued" | "answered";
                                effectDetail: {
                                    [key: string]: unknown;
                                } | null;
                                envelope: {
                                    [key: string]: unknown;
                                };
                                envelopeId: string;
                                from: string;
                                id: string;
                                inReplyTo: string | null;
                                kid: string;
                                receivedAt: string | null;
                                relayed: boolean;
                                sha256: string;
                                token: string;
                                type: string;
                            }[];
                            sent: {
                                attempts: number;
                                createdAt: string | null;
                                deadAt: string | null;
                                deadReason: string | null;
                                deliveredAt: string | null;
                                envelope: {
                                    [key: string]: unknown;
                                };
                                expiresAt: string | null;
                                id: string;
                                inReplyTo: string | null;
                                lastAttemptAt: string | null;
                                lastError: string | null;
                                nextAttemptAt: string | null;
                                ordered: boolean;
                                sha256: string;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "dead";
                                to: string;
                                token: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/envelopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign an envelope to a peer and put it in the outbox */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: {
                            [key: string]: unknown;
                        };
                        /** @default [] */
                        caveats?: {
                            /** @enum {string} */
                            code: "confidential" | "purpose_limited" | "no_onward_transfer" | "no_judicial_use_without_consent" | "notify_before_disclosure" | "other";
                            text?: string | null;
                        }[];
                        inReplyTo?: string | null;
                        to: string;
                        /** @enum {string} */
                        type: "import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification" | "key_rotation" | "ack" | "error";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string;
                            id: string;
                            sha256: string;
                            to: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Envelopes received, as signed, with their effect, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    effect?: "none" | "applied" | "queued" | "answered";
                    from?: string;
                    limit?: number;
                    type?: "import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification" | "key_rotation" | "ack" | "error";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                answerId: string | null;
                                /** @enum {string} */
                                effect: "none" | "applied" | "queued" | "answered";
                                effectDetail: {
                                    [key: string]: unknown;
                                } | null;
                                envelope: {
                                    [key: string]: unknown;
                                };
                                envelopeId: string;
                                from: string;
                                id: string;
                                inReplyTo: string | null;
                                kid: string;
                                receivedAt: string | null;
                                relayed: boolean;
                                sha256: string;
                                token: string;
                                type: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Peers only: deliver one signed envelope (compact JWS) or one encrypted for this node (compact JWE)
         * @description No account: the envelope's signature by a key pinned for the sending State is the credential (docs/exchange.md). 200 with a signed ack (`accepted` the first time, `duplicate` for a byte-identical redelivery, which has no second effect). A refusal is problem+json with the refusal `code` (docs/exchange.md §6), its `params` and `retryable`. The answer's Custodia-Inbox-Batch header, when present, says this node takes that many envelopes per POST to /exchange/inbox/batch.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ack: string;
                            /** @enum {string} */
                            status: "accepted" | "duplicate";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/inbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One received envelope, as signed, with its effect (what the queue and the case page link to) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answerId: string | null;
                            /** @enum {string} */
                            effect: "none" | "applied" | "queued" | "answered";
                            effectDetail: {
                                [key: string]: unknown;
                            } | null;
                            envelope: {
                                [key: string]: unknown;
                            };
                            envelopeId: string;
                            from: string;
                            id: string;
                            inReplyTo: string | null;
                            kid: string;
                            receivedAt: string | null;
                            relayed: boolean;
                            sha256: string;
                            token: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/inbox/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Peers only: deliver up to 64 envelopes in one request (batch delivery, docs/exchange.md §13.11)
         * @description Each message is handled exactly as if it had been posted alone to /exchange/inbox (verified, checked for replay, kept, its effect, audited, acknowledged or refused on its own); `results` holds, in the order posted, the HTTP status and body each would have had. At most 64 messages (Custodia-Inbox-Batch) and the request body at most Custodia-Inbox-Batch-Bytes bytes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        messages: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                body: {
                                    [key: string]: unknown;
                                };
                                status: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace this node's signing and X25519 keys, announcing the new ones to every active peer in a key_rotation envelope signed by the old key
         * @description What `custodia keys rotate` does, for a node whose embedded database the running server holds. The announcements go through the outbox ahead of anything signed with the new key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            announcedTo: string[];
                            encryptionKid: string;
                            fingerprint: string;
                            kid: string;
                            retiredKid: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Envelopes sent or waiting to be (pending, delivered, dead letters), newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "delivered" | "dead";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string | null;
                                deadAt: string | null;
                                deadReason: string | null;
                                deliveredAt: string | null;
                                expiresAt: string | null;
                                id: string;
                                inReplyTo: string | null;
                                lastAttemptAt: string | null;
                                lastError: string | null;
                                nextAttemptAt: string | null;
                                ordered: boolean;
                                sha256: string;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "dead";
                                to: string;
                                type: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/outbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sent envelope, as signed, with its delivery attempts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string | null;
                            deadAt: string | null;
                            deadReason: string | null;
                            deliveredAt: string | null;
                            envelope: {
                                [key: string]: unknown;
                            };
                            expiresAt: string | null;
                            id: string;
                            inReplyTo: string | null;
                            lastAttemptAt: string | null;
                            lastError: string | null;
                            nextAttemptAt: string | null;
                            ordered: boolean;
                            sha256: string;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "dead";
                            to: string;
                            token: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/outbox/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many envelopes are pending, delivered and dead-lettered (the dead-letter alert) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dead: number;
                            delivered: number;
                            pending: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Enrolled peers (other States' nodes), their pinned keys and status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allowedTypes: string[];
                                baseUrl: string;
                                encryptionKey: {
                                    kid: string;
                                    x: string;
                                } | null;
                                enrolledAt: string;
                                enrolledFingerprint: string;
                                pins: {
                                    acceptUntil: string | null;
                                    kid: string;
                                    pinnedAt: string;
                                    /** @enum {string} */
                                    source: "enrolment" | "rotation" | "manual";
                                    x: string;
                                }[];
                                relayAllowed?: boolean;
                                relayVia?: string;
                                state: string;
                                /** @enum {string} */
                                status: "active" | "suspended";
                                statusReason: string | null;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Enrol a peer: its key set is fetched from its base URL and the signing key with the confirmed fingerprint is pinned */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        allowedTypes?: ("import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification")[];
                        /** Format: uri */
                        baseUrl: string;
                        fingerprint: string;
                        state: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers/{state}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One peer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    state: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a peer's base URL or the message types it may send */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    state: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allowedTypes?: ("import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification")[];
                        /** Format: uri */
                        baseUrl?: string;
                        relayAllowed?: boolean;
                        relayVia?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/exchange/peers/{state}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a suspended peer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    state: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers/{state}/repin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-pin a peer's signing key by hand (its old key was lost or leaked), after comparing the new fingerprint out of band */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    state: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fingerprint: string;
                        /** @default 0 */
                        graceHours?: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers/{state}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a peer: its envelopes are refused and nothing is sent to it until reactivated */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    state: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowedTypes: string[];
                            baseUrl: string;
                            encryptionKey: {
                                kid: string;
                                x: string;
                            } | null;
                            enrolledAt: string;
                            enrolledFingerprint: string;
                            pins: {
                                acceptUntil: string | null;
                                kid: string;
                                pinnedAt: string;
                                /** @enum {string} */
                                source: "enrolment" | "rotation" | "manual";
                                x: string;
                            }[];
                            relayAllowed?: boolean;
                            relayVia?: string;
                            state: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            statusReason: string | null;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/peers/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch a node's published key set and show each signing key's fingerprint, to compare with the one its administrator reads out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        baseUrl: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            candidates: {
                                fingerprint: string;
                                kid: string;
                                x: string;
                            }[];
                            encryptionKey: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests from other States waiting for this State's answer (the officers' queue) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    effect?: "none" | "applied" | "queued" | "answered";
                    from?: string;
                    limit?: number;
                    type?: "import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification" | "key_rotation" | "ack" | "error";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                answerId: string | null;
                                /** @enum {string} */
                                effect: "none" | "applied" | "queued" | "answered";
                                effectDetail: {
                                    [key: string]: unknown;
                                } | null;
                                envelope: {
                                    [key: string]: unknown;
                                };
                                envelopeId: string;
                                from: string;
                                id: string;
                                inReplyTo: string | null;
                                kid: string;
                                receivedAt: string | null;
                                relayed: boolean;
                                sha256: string;
                                token: string;
                                type: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/requests/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a request: the signed answer goes to the requesting State through the outbox */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: {
                            [key: string]: unknown;
                        };
                        /** @default [] */
                        caveats?: {
                            /** @enum {string} */
                            code: "confidential" | "purpose_limited" | "no_onward_transfer" | "no_judicial_use_without_consent" | "notify_before_disclosure" | "other";
                            text?: string | null;
                        }[];
                        /** @enum {string} */
                        type?: "import_authorisation_check" | "import_authorisation_answer" | "transit_notification" | "transit_answer" | "delivery_confirmation_request" | "delivery_confirmation" | "tracing_request" | "tracing_acknowledgement" | "tracing_response" | "lost_stolen_notice" | "hit_notification" | "denial_notification" | "key_rotation" | "ack" | "error";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answerId: string;
                            effect: string;
                            inboxId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Applications, newest first (industry users: their own organisation only) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    kind?: "export" | "import" | "transit" | "brokering" | "temporary";
                    limit?: number;
                    status?: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                applicantName: string;
                                exportCountry: string;
                                id: string;
                                importCountry: string;
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                reference: string;
                                /** @enum {string} */
                                status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                                submittedAt: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Apply for an export, import, transit, brokering or temporary (Art. 10(6)) licence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        applicant: {
                            address?: string | null;
                            country: string;
                            name: string;
                            partyId?: string | null;
                        };
                        brokers?: {
                            address?: string | null;
                            brokerId?: string | null;
                            country: string;
                            location: string;
                            name: string;
                            partyId?: string | null;
                        }[];
                        carriers?: {
                            address?: string | null;
                            country: string;
                            name: string;
                            partyId?: string | null;
                        }[];
                        consignee?: {
                            address?: string | null;
                            country: string;
                            name: string;
                            partyId?: string | null;
                        } | null;
                        endUse: string;
                        endUser: {
                            address?: string | null;
                            country: string;
                            name: string;
                            partyId?: string | null;
                        };
                        exportCountry: string;
                        goods: {
                            calibre?: string | null;
                            controlEntry: string;
                            currency: string;
                            description: string;
                            firearmType?: ("revolver" | "self_loading_pistol" | "pistol" | "rifle" | "carbine" | "shotgun" | "sub_machine_gun" | "assault_rifle" | "light_machine_gun" | "heavy_machine_gun" | "grenade_launcher" | "portable_anti_aircraft_gun" | "portable_anti_tank_gun" | "recoilless_rifle" | "portable_anti_tank_launcher" | "portable_anti_aircraft_launcher" | "mortar_under_100mm" | "other") | null;
                            hsCode: string;
                            /** @enum {string} */
                            itemType: "firearm" | "part" | "essential_component" | "ammunition" | "accessory" | "other";
                            lineNo: number;
                            quantity: number;
                            registryItemIds?: string[];
                            serials?: string[];
                            /** @enum {string} */
                            unit: "piece" | "round" | "set" | "kg";
                            valueMinor: number;
                        }[];
                        importCountry: string;
                        intermediateConsignees?: {
                            address?: string | null;
                            country: string;
                            name: string;
                            partyId?: string | null;
                        }[];
                        /** @enum {string} */
                        kind: "export" | "import" | "transit" | "brokering" | "temporary";
                        plannedShipmentDate?: string | null;
                        temporaryPurpose?: ("hunting" | "sport_shooting" | "evaluation" | "exhibition" | "repair") | null;
                        transit?: {
                            country: string;
                            /** @enum {string} */
                            mode: "land" | "sea" | "air";
                            /** @default false */
                            transhipment?: boolean;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case: contents, decisions, documents, evidence, and which Art. 10 conditions are met or missing */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the case to an officer (→ under review) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        officer: string;
                        reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/countersignature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Supervisor countersignature: agree, or send back to review */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agree: boolean;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach a document (end-user certificate, import authorization…); stored with its SHA-256 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contentBase64: string;
                        filename: string;
                        /** @enum {string} */
                        kind: "end_user_certificate" | "import_authorization" | "transit_no_objection" | "contract" | "delivery_verification" | "other";
                        /** @default application/octet-stream */
                        mediaType?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string | null;
                            filename: string;
                            id: string;
                            kind: string;
                            mediaType: string;
                            sha256: string;
                            sizeBytes: number;
                            /** Format: date-time */
                            uploadedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/exchange/import-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the importing State's node whether its import licence covers this case (Art. 10(2)(a)); its signed answer is recorded on the case as evidence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        importLicenceReference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string;
                            id: string;
                            sha256: string;
                            to: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/exchange/transit-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notify each transit State's node and ask for its no-objection (Art. 10(2)(b)); a no-objection is recorded on the case as evidence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answerRequestedBy?: string | null;
                        importLicence: {
                            expiryDate?: string | null;
                            issueDate?: string | null;
                            issuingAuthority?: string | null;
                            reference: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                expiresAt: string;
                                id: string;
                                sha256: string;
                                to: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/import-authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the importing State's import licence/authorization (Art. 10(2)(a)) with its document */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        documentId: string;
                        expiryDate: string;
                        goods: {
                            controlEntry: string;
                            quantity: number;
                            /** @enum {string} */
                            unit: "piece" | "round" | "set" | "kg";
                        }[];
                        issueDate: string;
                        issuingAuthority: string;
                        issuingState: string;
                        reference: string;
                        /**
                         * @default officer
                         * @enum {string}
                         */
                        source?: "officer" | "exchange";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/information": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a request for information (the clock restarts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/information-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the applicant for more information (the case clock pauses) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/licence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue the licence (Art. 10(2) gate, countersignature, broker register checked; Art. 10(3) snapshot signed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        acknowledgeDenials?: boolean;
                        conditions?: string[] | null;
                        expiresOn?: string | null;
                        reason?: string | null;
                        validFrom?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/recommendation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recommend issue or refusal (the countersignature rule is applied here) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        conditions?: string[];
                        /** @default [] */
                        criteria?: ("embargo" | "diversion_risk" | "att_art6" | "att_art7" | "eu_cp_1" | "eu_cp_2" | "eu_cp_3" | "eu_cp_4" | "eu_cp_5" | "eu_cp_6" | "eu_cp_7" | "eu_cp_8" | "applicant_record" | "incomplete")[];
                        /** @enum {string} */
                        outcome: "issue" | "refuse";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/refusal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse with coded criteria (creates a denial record) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        criteria: ("embargo" | "diversion_risk" | "att_art6" | "att_art7" | "eu_cp_1" | "eu_cp_2" | "eu_cp_3" | "eu_cp_4" | "eu_cp_5" | "eu_cp_6" | "eu_cp_7" | "eu_cp_8" | "applicant_record" | "incomplete")[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/screening": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's parties beside their screening hits: the listed entries (names, date of birth, nationality, documents, programme, list version), decisions and re-screening alerts (officers and auditors) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            openHits: number;
                            parties: {
                                alerts: {
                                    hitId: string;
                                    id: string;
                                    raisedAt: string;
                                    reason: string;
                                    status: string;
                                }[];
                                hits: {
                                    decision: {
                                        decidedAt: string;
                                        decidedBy: string;
                                        /** @enum {string} */
                                        decision: "true_match" | "false_positive";
                                        reason: string;
                                    } | null;
                                    entry: {
                                        addresses: string[];
                                        birthDates: string[];
                                        birthPlaces: string[];
                                        documents: {
                                            country: string | null;
                                            note: string | null;
                                            number: string;
                                            type: string;
                                        }[];
                                        externalId: string;
                                        kind: string | null;
                                        listedOn: string | null;
                                        names: {
                                            name: string;
                                            quality: string;
                                            type: string;
                                        }[];
                                        nationalities: string[];
                                        primaryName: string;
                                        programmes: string[];
                                        referenceNumber: string | null;
                                        remarks: string | null;
                                        source: string;
                                    };
                                    id: string;
                                    listVersion: {
                                        id: string;
                                        publishedOn: string | null;
                                        source: string;
                                        status: string;
                                    };
                                    matchedName: string;
                                    needsDecision: boolean;
                                    score: number;
                                    status: string;
                                }[];
                                index: number | null;
                                openHits: number;
                                party: {
                                    address: string | null;
                                    country: string;
                                    name: string;
                                };
                                partyRef: string;
                                purpose: string | null;
                                role: string;
                                screenedAt: string | null;
                            }[];
                            trueMatches: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/screening-exception": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An administrator's documented exception: the licence may be issued although no sanctions list is active (reason required, audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/screening/hits/{hitId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide a screening hit of this case's parties (true match or false positive, with a reason); a false positive is remembered for the party and the listed entry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    hitId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "true_match" | "false_positive";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            openHits: number;
                            parties: {
                                alerts: {
                                    hitId: string;
                                    id: string;
                                    raisedAt: string;
                                    reason: string;
                                    status: string;
                                }[];
                                hits: {
                                    decision: {
                                        decidedAt: string;
                                        decidedBy: string;
                                        /** @enum {string} */
                                        decision: "true_match" | "false_positive";
                                        reason: string;
                                    } | null;
                                    entry: {
                                        addresses: string[];
                                        birthDates: string[];
                                        birthPlaces: string[];
                                        documents: {
                                            country: string | null;
                                            note: string | null;
                                            number: string;
                                            type: string;
                                        }[];
                                        externalId: string;
                                        kind: string | null;
                                        listedOn: string | null;
                                        names: {
                                            name: string;
                                            quality: string;
                                            type: string;
                                        }[];
                                        nationalities: string[];
                                        primaryName: string;
                                        programmes: string[];
                                        referenceNumber: string | null;
                                        remarks: string | null;
                                        source: string;
                                    };
                                    id: string;
                                    listVersion: {
                                        id: string;
                                        publishedOn: string | null;
                                        source: string;
                                        status: string;
                                    };
                                    matchedName: string;
                                    needsDecision: boolean;
                                    score: number;
                                    status: string;
                                }[];
                                index: number | null;
                                openHits: number;
                                party: {
                                    address: string | null;
                                    country: string;
                                    name: string;
                                };
                                partyRef: string;
                                purpose: string | null;
                                role: string;
                                screenedAt: string | null;
                            }[];
                            trueMatches: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/transit-no-objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a transit State's written no-objection (Art. 10(2)(b)) with its document */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        documentId: string;
                        noticeDate: string;
                        reference: string;
                        /**
                         * @default officer
                         * @enum {string}
                         */
                        source?: "officer" | "exchange";
                        state: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/applications/{id}/withdrawal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the application */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            assignedOfficer: string | null;
                            clock: {
                                elapsedDays: number;
                                paused: boolean;
                                pausedDays: number;
                            };
                            content: {
                                applicant: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                brokers: {
                                    address?: string | null;
                                    brokerId?: string | null;
                                    country: string;
                                    location: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                carriers: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                consignee?: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                } | null;
                                endUse: string;
                                endUser: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                };
                                exportCountry: string;
                                goods: {
                                    calibre?: string | null;
                                    controlEntry: string;
                                    currency: string;
                                    description: string;
                                    firearmType?: string | null;
                                    hsCode: string;
                                    itemType: string;
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                    unit: string;
                                    valueMinor: number;
                                }[];
                                importCountry: string;
                                intermediateConsignees: {
                                    address?: string | null;
                                    country: string;
                                    name: string;
                                    partyId?: string | null;
                                }[];
                                /** @enum {string} */
                                kind: "export" | "import" | "transit" | "brokering" | "temporary";
                                plannedShipmentDate?: string | null;
                                temporaryPurpose?: string | null;
                                transit: {
                                    country: string;
                                    mode: string;
                                    transhipment: boolean;
                                }[];
                            };
                            countersignatureReason: string | null;
                            countersignatureRequired: boolean;
                            decisions: {
                                actorName: string;
                                actorRole: string;
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                kind: string;
                                reason: string | null;
                                rulesVersion: string | null;
                            }[];
                            documents: {
                                filename: string;
                                id: string;
                                kind: string;
                                mediaType: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                            }[];
                            exportCountry: string;
                            gate: {
                                applicable: boolean;
                                conditions: {
                                    code: string;
                                    detail: string;
                                    exempt?: boolean;
                                    met: boolean;
                                }[];
                                ok: boolean;
                            };
                            id: string;
                            importAuthorizations: {
                                documentSha256: string | null;
                                expiryDate: string;
                                id: string;
                                issueDate: string;
                                issuingAuthority: string;
                                issuingState: string;
                                reference: string;
                                source: string;
                            }[];
                            importCountry: string;
                            /** @enum {string} */
                            kind: "export" | "import" | "transit" | "brokering" | "temporary";
                            licenceNumber: string | null;
                            recommendation: string | null;
                            reference: string;
                            /** @enum {string} */
                            status: "submitted" | "under_review" | "information_requested" | "recommended" | "countersigned" | "issued" | "refused" | "withdrawn";
                            submittedAt: string;
                            transitNoObjections: {
                                documentSha256: string | null;
                                id: string;
                                noticeDate: string;
                                reference: string;
                                source: string;
                                state: string;
                            }[];
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/brokers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Broker register (Art. 15(1)(a)) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            country: string;
                            id: string;
                            legalForm: string | null;
                            location: string;
                            name: string;
                            partyId: string | null;
                            registrationNo: string;
                            status: string;
                            statusReason: string | null;
                            validFrom: string;
                            validTo: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Register a broker with a validity period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        country: string;
                        legalForm?: string | null;
                        location: string;
                        name: string;
                        partyId?: string | null;
                        registrationNo: string;
                        validFrom: string;
                        validTo: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            country: string;
                            id: string;
                            legalForm: string | null;
                            location: string;
                            name: string;
                            partyId: string | null;
                            registrationNo: string;
                            status: string;
                            statusReason: string | null;
                            validFrom: string;
                            validTo: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/brokers/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend, reactivate or retire a broker registration */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @enum {string} */
                        status: "active" | "suspended" | "retired";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            country: string;
                            id: string;
                            legalForm: string | null;
                            location: string;
                            name: string;
                            partyId: string | null;
                            registrationNo: string;
                            status: string;
                            statusReason: string | null;
                            validFrom: string;
                            validTo: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/denials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Denials (refused licences), newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicantName: string;
                            consigneeName: string | null;
                            controlEntries: string[];
                            criteria: string[];
                            deniedAt: string;
                            endUserName: string;
                            exportCountry: string;
                            id: string;
                            importCountry: string;
                            kind: string;
                            reason: string;
                            reference: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a case document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Licences, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                applicationId: string;
                                /** @enum {string} */
                                effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                                events: {
                                    actorName: string;
                                    at: string;
                                    fromStatus: string | null;
                                    reason: string | null;
                                    toStatus: string;
                                }[];
                                expiresOn: string;
                                id: string;
                                issuedAt: string;
                                kind: string;
                                lines: {
                                    lineNo: number;
                                    quantity: number;
                                    unit: string;
                                    used: number;
                                }[];
                                number: string;
                                publicWording: string | null;
                                snapshot: {
                                    [key: string]: unknown;
                                };
                                snapshotHash: string;
                                /** @enum {string} */
                                status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                                statusReason: string | null;
                                token: string;
                                validFrom: string;
                                verificationUrl: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A licence with its snapshot, usage and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The licence document (PDF, bilingual, QR with the signed token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/reinstate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reinstate a suspended licence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        publicWording?: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a licence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        publicWording?: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shipments under a licence */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier: {
                                [key: string]: unknown;
                            };
                            deliveredOn: string | null;
                            exitPoint: string;
                            externalReference: string | null;
                            id: string;
                            licenceId: string;
                            licenceNumber?: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                registryItemIds?: string[];
                                serials?: string[];
                            }[];
                            recordedAt: string;
                            shippedOn: string;
                            /** @enum {string} */
                            status: "shipped" | "delivered";
                            verificationEvidence: string | null;
                            verifyingState: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/surrender": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Surrender a licence (the holder gives it back) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        publicWording?: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/{number}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a licence (reason required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        publicWording?: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applicationId: string;
                            /** @enum {string} */
                            effectiveStatus: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            events: {
                                actorName: string;
                                at: string;
                                fromStatus: string | null;
                                reason: string | null;
                                toStatus: string;
                            }[];
                            expiresOn: string;
                            id: string;
                            issuedAt: string;
                            kind: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                unit: string;
                                used: number;
                            }[];
                            number: string;
                            publicWording: string | null;
                            snapshot: {
                                [key: string]: unknown;
                            };
                            snapshotHash: string;
                            /** @enum {string} */
                            status: "issued" | "partly_used" | "used" | "expired" | "suspended" | "revoked" | "surrendered";
                            statusReason: string | null;
                            token: string;
                            validFrom: string;
                            verificationUrl: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/licences/expiry-sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the expiry of every active licence past its date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expired: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a shipment (customs or exporter); over-quantity, expired, suspended or revoked licences are refused with the reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier: {
                            country: string;
                            name: string;
                        };
                        exitPoint: string;
                        externalReference?: string | null;
                        licenceNumber: string;
                        lines: {
                            lineNo: number;
                            quantity: number;
                            registryItemIds?: string[];
                            serials?: string[];
                        }[];
                        shippedOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier: {
                                [key: string]: unknown;
                            };
                            deliveredOn: string | null;
                            exitPoint: string;
                            externalReference: string | null;
                            id: string;
                            licenceId: string;
                            licenceNumber?: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                registryItemIds?: string[];
                                serials?: string[];
                            }[];
                            recordedAt: string;
                            shippedOn: string;
                            /** @enum {string} */
                            status: "shipped" | "delivered";
                            verificationEvidence: string | null;
                            verifyingState: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/shipments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shipment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier: {
                                [key: string]: unknown;
                            };
                            deliveredOn: string | null;
                            exitPoint: string;
                            externalReference: string | null;
                            id: string;
                            licenceId: string;
                            licenceNumber?: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                registryItemIds?: string[];
                                serials?: string[];
                            }[];
                            recordedAt: string;
                            shippedOn: string;
                            /** @enum {string} */
                            status: "shipped" | "delivered";
                            verificationEvidence: string | null;
                            verifyingState: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/shipments/{id}/delivery-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the importing State’s confirmation of receipt (Art. 10(4)); closes the shipment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        deliveredOn: string;
                        documentSha256?: string | null;
                        evidence: string;
                        verifyingState: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carrier: {
                                [key: string]: unknown;
                            };
                            deliveredOn: string | null;
                            exitPoint: string;
                            externalReference: string | null;
                            id: string;
                            licenceId: string;
                            licenceNumber?: string;
                            lines: {
                                lineNo: number;
                                quantity: number;
                                registryItemIds?: string[];
                                serials?: string[];
                            }[];
                            recordedAt: string;
                            shippedOn: string;
                            /** @enum {string} */
                            status: "shipped" | "delivered";
                            verificationEvidence: string | null;
                            verifyingState: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/shipments/{id}/exchange/delivery-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the importing State's node to confirm receipt of this shipment (Art. 10(4)); its confirmation marks the shipment delivered */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            expiresAt: string;
                            id: string;
                            sha256: string;
                            to: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licensing/shipments/awaiting-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shipments without delivery verification (Art. 10(4)) after N days (default from configuration) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    olderThanDays?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                carrier: {
                                    [key: string]: unknown;
                                };
                                deliveredOn: string | null;
                                exitPoint: string;
                                externalReference: string | null;
                                id: string;
                                importCountry: string;
                                licenceId: string;
                                licenceNumber?: string;
                                lines: {
                                    lineNo: number;
                                    quantity: number;
                                    registryItemIds?: string[];
                                    serials?: string[];
                                }[];
                                recordedAt: string;
                                shippedOn: string;
                                /** @enum {string} */
                                status: "shipped" | "delivered";
                                verificationEvidence: string | null;
                                verifyingState: string | null;
                            }[];
                            olderThanDays: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operations/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a consistent backup now and download it (application/x-tar: manifest.json, the database, the node keys)
         * @description Audited as operations.backup.create. The archive holds every record and the private signing key: store it encrypted. One backup at a time per server (409 operations.backup_running otherwise). Restore it with `custodia restore FILE`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/disposals/{number}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anyone: is this destruction, deactivation or disposal certificate real, and what it certifies. Unknown numbers answer 404 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkedAt: string;
                            disposedOn: string;
                            issuingState: string;
                            item: {
                                calibre: string | null;
                                kind: string;
                                make: string | null;
                                model: string | null;
                                serialNumber: string | null;
                                type: string | null;
                            };
                            /** @enum {string} */
                            kind: "destruction" | "deactivation" | "other";
                            method: string;
                            number: string;
                            /** @enum {string} */
                            status: "valid" | "altered";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/licences/{number}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anyone: does this licence number exist, and its status (with its date and public wording), validity, kind and countries. Unknown numbers answer 404; the parties and goods need the document's token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkedAt: string;
                            expiresOn: string;
                            exportCountry: string | null;
                            importCountry: string | null;
                            issuingState: string;
                            kind: string;
                            number: string;
                            /** @description for suspended, revoked and surrendered licences: the wording the issuing authority chose to publish */
                            publicWording: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                            /**
                             * @description unknown: the stored record no longer matches the hash it was issued with
                             * @enum {string}
                             */
                            status: "valid" | "used" | "expired" | "suspended" | "revoked" | "surrendered" | "unknown";
                            /** @description the day the status began (YYYY-MM-DD) */
                            statusSince: string | null;
                            transitCountries: string[];
                            validFrom: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/licences/verify-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Whoever holds the licence: verify the QR code's signed token against this node's keys (which key signed it, or forged/altered) and the contents hash; when authentic, the parties and goods as printed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        number?: string | null;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hashMatches: boolean;
                            licence: {
                                checkedAt: string;
                                expiresOn: string;
                                exportCountry: string | null;
                                importCountry: string | null;
                                issuingState: string;
                                kind: string;
                                number: string;
                                /** @description for suspended, revoked and surrendered licences: the wording the issuing authority chose to publish */
                                publicWording: ("issuing_authority_decision" | "pending_review" | "conditions_not_met" | "holder_request" | "replaced") | null;
                                /**
                                 * @description unknown: the stored record no longer matches the hash it was issued with
                                 * @enum {string}
                                 */
                                status: "valid" | "used" | "expired" | "suspended" | "revoked" | "surrendered" | "unknown";
                                /** @description the day the status began (YYYY-MM-DD) */
                                statusSince: string | null;
                                transitCountries: string[];
                                validFrom: string;
                            } | null;
                            particulars: {
                                applicant: {
                                    country: string;
                                    name: string;
                                };
                                brokers: {
                                    country: string;
                                    location: string;
                                    name: string;
                                }[];
                                carriers: {
                                    country: string;
                                    name: string;
                                }[];
                                consignee: {
                                    country: string;
                                    name: string;
                                } | null;
                                finalRecipient: {
                                    country: string;
                                    name: string;
                                };
                                goods: {
                                    controlEntry: string;
                                    description: string;
                                    hsCode: string;
                                    lineNo: number;
                                    quantity: number;
                                    unit: string;
                                }[];
                                intermediateConsignees: {
                                    country: string;
                                    name: string;
                                }[];
                            } | null;
                            problem: string | null;
                            signature: {
                                key: {
                                    created: string | null;
                                    current: boolean;
                                    kid: string;
                                    retired: string | null;
                                } | null;
                                kid: string | null;
                                valid: boolean;
                            };
                            /** @enum {string} */
                            verdict: "authentic" | "altered" | "forged" | "other_licence";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/crosswalk/firearm-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Indicative firearm type → ITI class, UNROCA category, ML entry and HS subheading */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                decidingFact: string | null;
                                firearmType: string;
                                hsSuggested: string[];
                                itiType: string | null;
                                mlSuggested: string[];
                                salwClass: ("small_arm" | "light_weapon") | null;
                                unrocaCategory: string;
                            }[];
                            source: {
                                citation: string;
                                id: string;
                                partialNote: string | null;
                                title: string;
                                url: string | null;
                                /** @enum {string} */
                                verification: "verified" | "partial" | "memory";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/embargoes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** UN, regional and national arms embargoes, optionally by State and date */
        get: {
            parameters: {
                query?: {
                    activeOn?: string;
                    authority?: "un" | "regional" | "national";
                    country?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                authority: "un" | "regional" | "national";
                                countryCode: string | null;
                                /** @enum {string} */
                                direction: "to" | "to_and_from";
                                id: string;
                                imposedBy: string;
                                instruments: string[];
                                liftedReason: string | null;
                                measures: string;
                                note: string | null;
                                /** @enum {string} */
                                scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                                since: string;
                                sourceTitle: string;
                                sourceUrl: string | null;
                                target: string;
                                /** @description First day no longer in force; null while in force */
                                until: string | null;
                                /** @enum {string} */
                                verification: "verified" | "partial" | "memory";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a national or regional arms embargo (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        authority: "regional" | "national";
                        countryCode: string;
                        /** @enum {string} */
                        direction: "to" | "to_and_from";
                        /** @description e.g. "European Union", "OSCE", or the State itself */
                        imposedBy: string;
                        instruments: string[];
                        measures: string;
                        note?: string | null;
                        /** @enum {string} */
                        scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                        since: string;
                        sourceTitle: string;
                        sourceUrl?: string | null;
                        target: string;
                        until?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            authority: "un" | "regional" | "national";
                            countryCode: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            direction: "to" | "to_and_from";
                            id: string;
                            imposedBy: string;
                            instruments: string[];
                            liftedAt: string | null;
                            liftedBy: string | null;
                            liftedReason: string | null;
                            measures: string;
                            note: string | null;
                            /** @enum {string} */
                            scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                            since: string;
                            sourceTitle: string;
                            sourceUrl: string | null;
                            target: string;
                            /** @description First day no longer in force; null while in force */
                            until: string | null;
                            /** @enum {string} */
                            verification: "verified" | "partial" | "memory";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/embargoes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One embargo */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            authority: "un" | "regional" | "national";
                            countryCode: string | null;
                            /** @enum {string} */
                            direction: "to" | "to_and_from";
                            id: string;
                            imposedBy: string;
                            instruments: string[];
                            liftedReason: string | null;
                            measures: string;
                            note: string | null;
                            /** @enum {string} */
                            scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                            since: string;
                            sourceTitle: string;
                            sourceUrl: string | null;
                            target: string;
                            /** @description First day no longer in force; null while in force */
                            until: string | null;
                            /** @enum {string} */
                            verification: "verified" | "partial" | "memory";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/embargoes/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a national or regional embargo from a date, with the reason (audited; never deleted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description First day the embargo no longer applies */
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            authority: "un" | "regional" | "national";
                            countryCode: string | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            direction: "to" | "to_and_from";
                            id: string;
                            imposedBy: string;
                            instruments: string[];
                            liftedAt: string | null;
                            liftedBy: string | null;
                            liftedReason: string | null;
                            measures: string;
                            note: string | null;
                            /** @enum {string} */
                            scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                            since: string;
                            sourceTitle: string;
                            sourceUrl: string | null;
                            target: string;
                            /** @description First day no longer in force; null while in force */
                            until: string | null;
                            /** @enum {string} */
                            verification: "verified" | "partial" | "memory";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/embargoes/check/{country}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Arms embargoes in force on a State on a date, strictest scope first */
        get: {
            parameters: {
                query?: {
                    /** @description Default: today (UTC) */
                    date?: string;
                };
                header?: never;
                path: {
                    country: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            countryCode: string;
                            date: string;
                            embargoes: {
                                /** @enum {string} */
                                authority: "un" | "regional" | "national";
                                countryCode: string | null;
                                /** @enum {string} */
                                direction: "to" | "to_and_from";
                                id: string;
                                imposedBy: string;
                                instruments: string[];
                                liftedReason: string | null;
                                measures: string;
                                note: string | null;
                                /** @enum {string} */
                                scope: "whole_state" | "non_state_actors" | "partial" | "listed_persons";
                                since: string;
                                sourceTitle: string;
                                sourceUrl: string | null;
                                target: string;
                                /** @description First day no longer in force; null while in force */
                                until: string | null;
                                /** @enum {string} */
                                verification: "verified" | "partial" | "memory";
                            }[];
                            strictestScope: ("whole_state" | "non_state_actors" | "partial" | "listed_persons") | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/tables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reference tables with their sources and completeness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tables: {
                                name: string;
                                /** @description True when valid codes go beyond the listed entries (e.g. ML1.a.2, 5A002.a) */
                                openCodes: boolean;
                                source: {
                                    citation: string;
                                    id: string;
                                    partialNote: string | null;
                                    title: string;
                                    url: string | null;
                                    /** @enum {string} */
                                    verification: "verified" | "partial" | "memory";
                                };
                                title: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/tables/{table}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search a reference table for a picker (code or text, in the given locale) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    locale?: "en" | "es" | "fr";
                    /** @description Code or text; codes rank first, accents and case are ignored */
                    q?: string;
                    /** @description Comma-separated tags every entry must carry, e.g. "wassenaar" or "small_arm" */
                    tags?: string;
                };
                header?: never;
                path: {
                    table: "countries" | "currencies" | "munitions-list" | "dual-use" | "unroca-categories" | "salw-types" | "hs-codes" | "locodes";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                description: string | null;
                                label: string;
                                parent: string | null;
                                tags: string[];
                            }[];
                            source: {
                                citation: string;
                                id: string;
                                partialNote: string | null;
                                title: string;
                                url: string | null;
                                /** @enum {string} */
                                verification: "verified" | "partial" | "memory";
                            };
                            table: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reference/tables/{table}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Validate and describe one code (404 when it is not valid in the table) */
        get: {
            parameters: {
                query?: {
                    locale?: "en" | "es" | "fr";
                };
                header?: never;
                path: {
                    code: string;
                    table: "countries" | "currencies" | "munitions-list" | "dual-use" | "unroca-categories" | "salw-types" | "hs-codes" | "locodes";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            description: string | null;
                            label: string;
                            parent: string | null;
                            tags: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a CSV of items (text/csv body, or multipart/form-data field "file"); the import runs in the background
         * @description Columns are documented in docs/import-csv.md. All-or-nothing unless `partial=true`. 202 with the new job (follow `Location`); 200 with the earlier job when the same bytes were already imported.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The file's encoding (default utf-8; latin1 is read as windows-1252; a byte-order mark decides when present) */
                    encoding?: "utf-8" | "windows-1252" | "latin1" | "utf-16" | "utf-16le" | "utf-16be";
                    /** @description true: keep the valid rows when some rows are bad (default: all-or-nothing) */
                    partial?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyImported: boolean;
                            errorsUrl: string;
                            fileBytes: number;
                            fileName: string | null;
                            fileSha256: string;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            itemsCreated: number;
                            itemsExisting: number;
                            /** @enum {string} */
                            kind: "items";
                            message: string | null;
                            /** @enum {string} */
                            mode: "all_or_nothing" | "partial";
                            /** @description Live progress while the import runs in this server */
                            progress: {
                                bytesRead: number;
                                bytesTotal: number;
                                fraction: number;
                            } | null;
                            rowsInvalid: number;
                            rowsTotal: number;
                            startedAt: string;
                            startedBy: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "rejected" | "failed" | "interrupted";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyImported: boolean;
                            errorsUrl: string;
                            fileBytes: number;
                            fileName: string | null;
                            fileSha256: string;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            itemsCreated: number;
                            itemsExisting: number;
                            /** @enum {string} */
                            kind: "items";
                            message: string | null;
                            /** @enum {string} */
                            mode: "all_or_nothing" | "partial";
                            /** @description Live progress while the import runs in this server */
                            progress: {
                                bytesRead: number;
                                bytesTotal: number;
                                fraction: number;
                            } | null;
                            rowsInvalid: number;
                            rowsTotal: number;
                            startedAt: string;
                            startedBy: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "rejected" | "failed" | "interrupted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import job: status and progress counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alreadyImported: boolean;
                            errorsUrl: string;
                            fileBytes: number;
                            fileName: string | null;
                            fileSha256: string;
                            finishedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            itemsCreated: number;
                            itemsExisting: number;
                            /** @enum {string} */
                            kind: "items";
                            message: string | null;
                            /** @enum {string} */
                            mode: "all_or_nothing" | "partial";
                            /** @description Live progress while the import runs in this server */
                            progress: {
                                bytesRead: number;
                                bytesTotal: number;
                                fraction: number;
                            } | null;
                            rowsInvalid: number;
                            rowsTotal: number;
                            startedAt: string;
                            startedBy: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "rejected" | "failed" | "interrupted";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/imports/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bad rows of an import as a CSV report (line, column, code, message) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search items: exact serial (normalised), partial serial (`?` one unknown character, `*` many), filters; cursor pages */
        get: {
            parameters: {
                query?: {
                    calibre?: string;
                    countryOfManufacture?: string;
                    cursor?: string;
                    holderPartyId?: string;
                    kind?: "firearm" | "part" | "ammunition";
                    limit?: number;
                    make?: string;
                    model?: string;
                    order?: "asc" | "desc";
                    serial?: string;
                    serialPattern?: string;
                    /** @description Order of the whole result, on the server (ties broken by item id). `registeredAt` is the order of registration; `lastEventAt` the last custody event; `serial` the normalised serial; `holderCountry` the current holder's country. Text sorts without regard to case; codes (kind, status, country) by their code. Items without a value come last ascending, first descending. */
                    sort?: "registeredAt" | "lastEventAt" | "serial" | "make" | "model" | "calibre" | "kind" | "status" | "countryOfManufacture" | "yearOfManufacture" | "holderCountry";
                    status?: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                ammunitionComponent: string | null;
                                calibre: string | null;
                                countryOfManufacture: string | null;
                                createdAt: string;
                                firearmType: string | null;
                                holderPartyId: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                lotNumber: string | null;
                                make: string | null;
                                model: string | null;
                                partType: string | null;
                                quantityRounds: number | null;
                                serialNumber: string | null;
                                /** @enum {string} */
                                status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                yearOfManufacture: number | null;
                            }[];
                            nextCursor: string | null;
                            /** @description Every row matching the filters (all pages), counted with the same filters and scope. */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a firearm, part or ammunition lot with its markings (and its first custody event) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        event?: {
                            authorizationRef?: string | null;
                            certificateRef?: string | null;
                            counterpartCountry?: string | null;
                            destructionMethod?: string | null;
                            fromPartyId?: string | null;
                            /** @enum {string} */
                            kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                            licenceId?: string | null;
                            note?: string | null;
                            /** Format: date-time */
                            occurredAt: string;
                            placeLocode?: string | null;
                            placeText?: string | null;
                            temporaryImportPurpose?: string | null;
                            toPartyId?: string | null;
                            witnesses?: string[] | null;
                        } | null;
                        item: {
                            ammunitionComponent?: ("complete_round" | "case" | "primer" | "propellant" | "projectile") | null;
                            calibre?: string | null;
                            countryOfManufacture?: string | null;
                            description?: string | null;
                            firearmType?: ("revolver" | "self_loading_pistol" | "pistol" | "rifle" | "carbine" | "shotgun" | "sub_machine_gun" | "assault_rifle" | "light_machine_gun" | "heavy_machine_gun" | "grenade_launcher" | "portable_anti_aircraft_gun" | "portable_anti_tank_gun" | "recoilless_rifle" | "portable_anti_tank_launcher" | "portable_anti_aircraft_launcher" | "mortar_under_100mm" | "other") | null;
                            isAntique?: boolean;
                            isReplica?: boolean;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            lotNumber?: string | null;
                            make?: string | null;
                            manufacturerPartyId?: string | null;
                            model?: string | null;
                            partType?: ("frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "other_essential") | null;
                            placeOfManufacture?: string | null;
                            quantityRounds?: number | null;
                            serialNumber?: string | null;
                            temporaryImportPurpose?: string | null;
                            yearOfManufacture?: number | null;
                        };
                        /** @default [] */
                        markings?: {
                            alternativeCode?: string | null;
                            alternativeSymbol?: string | null;
                            calibre?: string | null;
                            certificateRef?: string | null;
                            countryOfManufacture?: string | null;
                            importCountry?: string | null;
                            importYear?: number | null;
                            /** @enum {string} */
                            kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                            /** @enum {string} */
                            location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                            manufacturerName?: string | null;
                            markingCountry?: string | null;
                            markingYear?: number | null;
                            method?: string | null;
                            model?: string | null;
                            placeOfManufacture?: string | null;
                            serialNumber?: string | null;
                            text?: string | null;
                            transferringCountry?: string | null;
                            yearOfManufacture?: number | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ammunitionComponent: string | null;
                            calibre: string | null;
                            countryOfManufacture: string | null;
                            createdAt: string;
                            description: string | null;
                            events: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            firearmType: string | null;
                            holder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            holderPartyId: string | null;
                            id: string;
                            isAntique: boolean;
                            isReplica: boolean;
                            keeper: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            lastEventAt: string | null;
                            lotNumber: string | null;
                            make: string | null;
                            manufacturer: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            markings: {
                                alternativeCode: string | null;
                                alternativeSymbol: string | null;
                                calibre: string | null;
                                certificateRef: string | null;
                                countryOfManufacture: string | null;
                                id: string;
                                importCountry: string | null;
                                importYear: number | null;
                                /** @enum {string} */
                                kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                                /** @enum {string} */
                                location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                                manufacturerName: string | null;
                                markingCountry: string | null;
                                markingYear: number | null;
                                method: string | null;
                                model: string | null;
                                placeOfManufacture: string | null;
                                recordedAt: string;
                                seq: number;
                                serialNumber: string | null;
                                text: string | null;
                                transferringCountry: string | null;
                                yearOfManufacture: number | null;
                            }[];
                            model: string | null;
                            partType: string | null;
                            placeOfManufacture: string | null;
                            quantityRounds: number | null;
                            retention: {
                                basis: string;
                                until: string;
                            };
                            serialNumber: string | null;
                            /** @enum {string} */
                            status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                            temporaryImportPurpose: string | null;
                            yearOfManufacture: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Item page: markings, full chain of custody, derived status and holder, retention date */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ammunitionComponent: string | null;
                            calibre: string | null;
                            countryOfManufacture: string | null;
                            createdAt: string;
                            description: string | null;
                            events: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            firearmType: string | null;
                            holder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            holderPartyId: string | null;
                            id: string;
                            isAntique: boolean;
                            isReplica: boolean;
                            keeper: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            lastEventAt: string | null;
                            lotNumber: string | null;
                            make: string | null;
                            manufacturer: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            markings: {
                                alternativeCode: string | null;
                                alternativeSymbol: string | null;
                                calibre: string | null;
                                certificateRef: string | null;
                                countryOfManufacture: string | null;
                                id: string;
                                importCountry: string | null;
                                importYear: number | null;
                                /** @enum {string} */
                                kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                                /** @enum {string} */
                                location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                                manufacturerName: string | null;
                                markingCountry: string | null;
                                markingYear: number | null;
                                method: string | null;
                                model: string | null;
                                placeOfManufacture: string | null;
                                recordedAt: string;
                                seq: number;
                                serialNumber: string | null;
                                text: string | null;
                                transferringCountry: string | null;
                                yearOfManufacture: number | null;
                            }[];
                            model: string | null;
                            partType: string | null;
                            placeOfManufacture: string | null;
                            quantityRounds: number | null;
                            retention: {
                                basis: string;
                                until: string;
                            };
                            serialNumber: string | null;
                            /** @enum {string} */
                            status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                            temporaryImportPurpose: string | null;
                            yearOfManufacture: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/items/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a custody event; impossible sequences are refused with a reason code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorizationRef?: string | null;
                        certificateRef?: string | null;
                        counterpartCountry?: string | null;
                        destructionMethod?: string | null;
                        fromPartyId?: string | null;
                        /** @enum {string} */
                        kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                        licenceId?: string | null;
                        note?: string | null;
                        /** Format: date-time */
                        occurredAt: string;
                        placeLocode?: string | null;
                        placeText?: string | null;
                        temporaryImportPurpose?: string | null;
                        toPartyId?: string | null;
                        witnesses?: string[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ammunitionComponent: string | null;
                            calibre: string | null;
                            countryOfManufacture: string | null;
                            createdAt: string;
                            description: string | null;
                            events: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            firearmType: string | null;
                            holder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            holderPartyId: string | null;
                            id: string;
                            isAntique: boolean;
                            isReplica: boolean;
                            keeper: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            lastEventAt: string | null;
                            lotNumber: string | null;
                            make: string | null;
                            manufacturer: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            markings: {
                                alternativeCode: string | null;
                                alternativeSymbol: string | null;
                                calibre: string | null;
                                certificateRef: string | null;
                                countryOfManufacture: string | null;
                                id: string;
                                importCountry: string | null;
                                importYear: number | null;
                                /** @enum {string} */
                                kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                                /** @enum {string} */
                                location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                                manufacturerName: string | null;
                                markingCountry: string | null;
                                markingYear: number | null;
                                method: string | null;
                                model: string | null;
                                placeOfManufacture: string | null;
                                recordedAt: string;
                                seq: number;
                                serialNumber: string | null;
                                text: string | null;
                                transferringCountry: string | null;
                                yearOfManufacture: number | null;
                            }[];
                            model: string | null;
                            partType: string | null;
                            placeOfManufacture: string | null;
                            quantityRounds: number | null;
                            retention: {
                                basis: string;
                                until: string;
                            };
                            serialNumber: string | null;
                            /** @enum {string} */
                            status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                            temporaryImportPurpose: string | null;
                            yearOfManufacture: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/items/{id}/markings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a marking (markings are appended, never overwritten) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        alternativeCode?: string | null;
                        alternativeSymbol?: string | null;
                        calibre?: string | null;
                        certificateRef?: string | null;
                        countryOfManufacture?: string | null;
                        importCountry?: string | null;
                        importYear?: number | null;
                        /** @enum {string} */
                        kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                        /** @enum {string} */
                        location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                        manufacturerName?: string | null;
                        markingCountry?: string | null;
                        markingYear?: number | null;
                        method?: string | null;
                        model?: string | null;
                        placeOfManufacture?: string | null;
                        serialNumber?: string | null;
                        text?: string | null;
                        transferringCountry?: string | null;
                        yearOfManufacture?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ammunitionComponent: string | null;
                            calibre: string | null;
                            countryOfManufacture: string | null;
                            createdAt: string;
                            description: string | null;
                            events: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            firearmType: string | null;
                            holder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            holderPartyId: string | null;
                            id: string;
                            isAntique: boolean;
                            isReplica: boolean;
                            keeper: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            lastEventAt: string | null;
                            lotNumber: string | null;
                            make: string | null;
                            manufacturer: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            markings: {
                                alternativeCode: string | null;
                                alternativeSymbol: string | null;
                                calibre: string | null;
                                certificateRef: string | null;
                                countryOfManufacture: string | null;
                                id: string;
                                importCountry: string | null;
                                importYear: number | null;
                                /** @enum {string} */
                                kind: "manufacture" | "import" | "state_transfer" | "confiscation" | "deactivation" | "proof" | "other";
                                /** @enum {string} */
                                location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                                manufacturerName: string | null;
                                markingCountry: string | null;
                                markingYear: number | null;
                                method: string | null;
                                model: string | null;
                                placeOfManufacture: string | null;
                                recordedAt: string;
                                seq: number;
                                serialNumber: string | null;
                                text: string | null;
                                transferringCountry: string | null;
                                yearOfManufacture: number | null;
                            }[];
                            model: string | null;
                            partType: string | null;
                            placeOfManufacture: string | null;
                            quantityRounds: number | null;
                            retention: {
                                basis: string;
                                until: string;
                            };
                            serialNumber: string | null;
                            /** @enum {string} */
                            status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                            temporaryImportPurpose: string | null;
                            yearOfManufacture: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/items/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ranked candidates for an obliterated or altered serial (`?` one unreadable character, `*` many), scored on the readable characters, make, model and calibre, with the count of every match */
        get: {
            parameters: {
                query: {
                    calibre?: string;
                    kind?: "firearm" | "part" | "ammunition";
                    limit?: number;
                    make?: string;
                    model?: string;
                    serialPattern: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                ammunitionComponent: string | null;
                                calibre: string | null;
                                countryOfManufacture: string | null;
                                createdAt: string;
                                firearmType: string | null;
                                holderPartyId: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                lotNumber: string | null;
                                make: string | null;
                                model: string | null;
                                partType: string | null;
                                quantityRounds: number | null;
                                rank: number;
                                score: number;
                                serialNumber: string | null;
                                /** @enum {string} */
                                status: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                yearOfManufacture: number | null;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List parties (never personal data) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    includeRetired?: "true" | "false";
                    kind?: "person" | "organisation";
                    limit?: number;
                    name?: string;
                    role?: "manufacturer" | "dealer" | "importer" | "exporter" | "broker" | "carrier" | "owner" | "end_user" | "consignee" | "repairer" | "state_agency";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a party (person or organisation) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contactEmail?: string | null;
                        country?: string | null;
                        /** @enum {string} */
                        kind: "person" | "organisation";
                        name?: string | null;
                        personal?: {
                            address?: string | null;
                            dateOfBirth?: string | null;
                            familyName?: string | null;
                            givenNames?: string | null;
                            identityDocumentNumber?: string | null;
                        } | null;
                        registrationNumber?: string | null;
                        roles: ("manufacturer" | "dealer" | "importer" | "exporter" | "broker" | "carrier" | "owner" | "end_user" | "consignee" | "repairer" | "state_agency")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactEmail: string | null;
                            country: string | null;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "organisation";
                            name: string | null;
                            personal?: {
                                address: string | null;
                                dateOfBirth: string | null;
                                familyName: string | null;
                                givenNames: string | null;
                                identityDocumentNumber: string | null;
                            } | null;
                            registrationNumber: string | null;
                            registrations: {
                                current: boolean;
                                id: string;
                                issuingAuthority: string | null;
                                issuingCountry: string | null;
                                kind: string;
                                number: string;
                                partyId: string;
                                revokedAt: string | null;
                                revokedReason: string | null;
                                validFrom: string;
                                validUntil: string | null;
                            }[];
                            retired: boolean;
                            retiredAt: string | null;
                            retiredReason: string | null;
                            roles: string[];
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Party page with registrations; personal data only for permitted roles (the read is audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactEmail: string | null;
                            country: string | null;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "organisation";
                            name: string | null;
                            personal?: {
                                address: string | null;
                                dateOfBirth: string | null;
                                familyName: string | null;
                                givenNames: string | null;
                                identityDocumentNumber: string | null;
                            } | null;
                            registrationNumber: string | null;
                            registrations: {
                                current: boolean;
                                id: string;
                                issuingAuthority: string | null;
                                issuingCountry: string | null;
                                kind: string;
                                number: string;
                                partyId: string;
                                revokedAt: string | null;
                                revokedReason: string | null;
                                validFrom: string;
                                validUntil: string | null;
                            }[];
                            retired: boolean;
                            retiredAt: string | null;
                            retiredReason: string | null;
                            roles: string[];
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        /** Update a party (a new version; earlier versions are kept) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contactEmail?: string | null;
                        country?: string | null;
                        name?: string | null;
                        personal?: {
                            address?: string | null;
                            dateOfBirth?: string | null;
                            familyName?: string | null;
                            givenNames?: string | null;
                            identityDocumentNumber?: string | null;
                        } | null;
                        reason?: string | null;
                        registrationNumber?: string | null;
                        roles: ("manufacturer" | "dealer" | "importer" | "exporter" | "broker" | "carrier" | "owner" | "end_user" | "consignee" | "repairer" | "state_agency")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactEmail: string | null;
                            country: string | null;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "organisation";
                            name: string | null;
                            personal?: {
                                address: string | null;
                                dateOfBirth: string | null;
                                familyName: string | null;
                                givenNames: string | null;
                                identityDocumentNumber: string | null;
                            } | null;
                            registrationNumber: string | null;
                            registrations: {
                                current: boolean;
                                id: string;
                                issuingAuthority: string | null;
                                issuingCountry: string | null;
                                kind: string;
                                number: string;
                                partyId: string;
                                revokedAt: string | null;
                                revokedReason: string | null;
                                validFrom: string;
                                validUntil: string | null;
                            }[];
                            retired: boolean;
                            retiredAt: string | null;
                            retiredReason: string | null;
                            roles: string[];
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties/{id}/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a registration or licence with its validity period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        issuingAuthority?: string | null;
                        issuingCountry?: string | null;
                        kind: string;
                        number: string;
                        /** Format: date */
                        validFrom: string;
                        validUntil?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: boolean;
                            id: string;
                            issuingAuthority: string | null;
                            issuingCountry: string | null;
                            kind: string;
                            number: string;
                            partyId: string;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            validFrom: string;
                            validUntil: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties/{id}/registrations/{registrationId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a registration with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    registrationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            current: boolean;
                            id: string;
                            issuingAuthority: string | null;
                            issuingCountry: string | null;
                            kind: string;
                            number: string;
                            partyId: string;
                            revokedAt: string | null;
                            revokedReason: string | null;
                            validFrom: string;
                            validUntil: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a party with a reason (nothing is deleted) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contactEmail: string | null;
                            country: string | null;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "person" | "organisation";
                            name: string | null;
                            personal?: {
                                address: string | null;
                                dateOfBirth: string | null;
                                familyName: string | null;
                                givenNames: string | null;
                                identityDocumentNumber: string | null;
                            } | null;
                            registrationNumber: string | null;
                            registrations: {
                                current: boolean;
                                id: string;
                                issuingAuthority: string | null;
                                issuingCountry: string | null;
                                kind: string;
                                number: string;
                                partyId: string;
                                revokedAt: string | null;
                                revokedReason: string | null;
                                validFrom: string;
                                validUntil: string | null;
                            }[];
                            retired: boolean;
                            retiredAt: string | null;
                            retiredReason: string | null;
                            roles: string[];
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/parties/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of a party, oldest first (never personal data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                contactEmail: string | null;
                                country: string | null;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                reason: string | null;
                                recordedAt: string;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/registry/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts of items by status and kind (industry: its own items only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            byKind: {
                                [key: string]: number;
                            };
                            byStatus: {
                                [key: string]: number;
                            };
                            rows: {
                                count: number;
                                kind: string;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/charts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Exports by category and destination per year or month, licences issued and refused per month */
        get: {
            parameters: {
                query: {
                    basis?: "authorised" | "actual";
                    from: string;
                    granularity?: "year" | "month";
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            basis: "authorised" | "actual";
                            from: string;
                            /** @enum {string} */
                            granularity: "year" | "month";
                            historicalByCategory: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[];
                            historicalByDestination: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[];
                            licencesByMonth: {
                                issued: number;
                                month: string;
                                refused: number;
                            }[];
                            recoveriesByType: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[] | null;
                            to: string;
                            tracingOutcomes: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[] | null;
                            transfersByCategory: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[];
                            transfersByDestination: {
                                bucket: string;
                                key: string;
                                value: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current category mappings (control entry and item type → UNROCA / ATT / Wassenaar category, dual-use tier) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                controlEntry: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                dualUseTier: ("basic" | "sensitive" | "very_sensitive") | null;
                                firearmType: string;
                                id: string;
                                itemType: string;
                                reason: string;
                                reportable: boolean;
                                /** @enum {string} */
                                source: "reference" | "officer";
                                supersededAt: string | null;
                                supersededBy: string | null;
                                unrocaCategory: string | null;
                                version: number;
                                wassenaarCategory: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        /** Set how a control entry / item type / firearm type is counted (a new version; the old one is kept) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        controlEntry: string;
                        /** @default null */
                        dualUseTier?: ("basic" | "sensitive" | "very_sensitive") | null;
                        /**
                         * @default *
                         * @enum {string}
                         */
                        firearmType?: "*" | "revolver" | "self_loading_pistol" | "pistol" | "rifle" | "carbine" | "shotgun" | "sub_machine_gun" | "assault_rifle" | "light_machine_gun" | "heavy_machine_gun" | "grenade_launcher" | "portable_anti_aircraft_gun" | "portable_anti_tank_gun" | "recoilless_rifle" | "portable_anti_tank_launcher" | "portable_anti_aircraft_launcher" | "mortar_under_100mm" | "other";
                        /** @enum {string} */
                        itemType: "*" | "firearm" | "part" | "essential_component" | "ammunition" | "accessory" | "other";
                        reason: string;
                        reportable: boolean;
                        /** @default null */
                        unrocaCategory?: string | null;
                        /** @default null */
                        wassenaarCategory?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            controlEntry: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            dualUseTier: ("basic" | "sensitive" | "very_sensitive") | null;
                            firearmType: string;
                            id: string;
                            itemType: string;
                            reason: string;
                            reportable: boolean;
                            /** @enum {string} */
                            source: "reference" | "officer";
                            supersededAt: string | null;
                            supersededBy: string | null;
                            unrocaCategory: string | null;
                            version: number;
                            wassenaarCategory: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/mappings/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of one mapping, oldest first */
        get: {
            parameters: {
                query: {
                    controlEntry: string;
                    firearmType?: "*" | "revolver" | "self_loading_pistol" | "pistol" | "rifle" | "carbine" | "shotgun" | "sub_machine_gun" | "assault_rifle" | "light_machine_gun" | "heavy_machine_gun" | "grenade_launcher" | "portable_anti_aircraft_gun" | "portable_anti_tank_gun" | "recoilless_rifle" | "portable_anti_tank_launcher" | "portable_anti_aircraft_launcher" | "mortar_under_100mm" | "other";
                    itemType: "*" | "firearm" | "part" | "essential_component" | "ammunition" | "accessory" | "other";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                controlEntry: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                dualUseTier: ("basic" | "sensitive" | "very_sensitive") | null;
                                firearmType: string;
                                id: string;
                                itemType: string;
                                reason: string;
                                reportable: boolean;
                                /** @enum {string} */
                                source: "reference" | "officer";
                                supersededAt: string | null;
                                supersededBy: string | null;
                                unrocaCategory: string | null;
                                version: number;
                                wassenaarCategory: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compute a report without storing it (UNROCA or ATT for a year, Wassenaar for a half-year) */
        get: {
            parameters: {
                query: {
                    basis?: "authorised" | "actual";
                    kind: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                    period: string;
                    significantFirearms?: number;
                    significantRounds?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            basis: "authorised" | "actual";
                            exports: {
                                category: string;
                                categoryTitle: string;
                                comments: string;
                                currency: string | null;
                                description: string;
                                intermediate: string | null;
                                partner: string;
                                quantity: number | null;
                                stateOfOrigin: string | null;
                                unit: string;
                                valueMinor: number | null;
                                withheld: ("commercially_sensitive" | "national_security") | null;
                            }[];
                            historical: {
                                aggregates: number;
                                exports: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                                imports: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                                note: string;
                                notReportable: number;
                                sources: {
                                    attribution: string;
                                    fileName: string;
                                    fileSha256: string;
                                    importedAt: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceName: string;
                                }[];
                                unmapped: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                            } | null;
                            imports: {
                                category: string;
                                categoryTitle: string;
                                comments: string;
                                currency: string | null;
                                description: string;
                                intermediate: string | null;
                                partner: string;
                                quantity: number | null;
                                stateOfOrigin: string | null;
                                unit: string;
                                valueMinor: number | null;
                                withheld: ("commercially_sensitive" | "national_security") | null;
                            }[];
                            /** @enum {string} */
                            kind: "unroca" | "att";
                            nil: {
                                exports: boolean;
                                imports: boolean;
                            };
                            notReportable: number;
                            period: {
                                end: string;
                                label: string;
                                start: string;
                            };
                            state: string;
                            unmapped: {
                                controlEntry: string;
                                description: string;
                                /** @enum {string} */
                                direction: "export" | "import";
                                firearmType: string | null;
                                itemType: string;
                                lines: number;
                                partner: string;
                                quantity: number;
                                unit: string;
                            }[];
                            withholding: {
                                commerciallySensitive: number;
                                declared: boolean;
                                nationalSecurity: number;
                            };
                        } | {
                            armsDeliveries: {
                                category: string;
                                categoryTitle: string;
                                modelType: string | null;
                                quantity: number;
                                recipient: string;
                            }[];
                            basicListDenials: {
                                category: string;
                                denials: number;
                                destination: string;
                            }[];
                            historical: {
                                aggregates: number;
                                exports: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                                imports: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                                note: string;
                                notReportable: number;
                                sources: {
                                    attribution: string;
                                    fileName: string;
                                    fileSha256: string;
                                    importedAt: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceName: string;
                                }[];
                                unmapped: {
                                    category: string | null;
                                    categoryTitle: string | null;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    licences: number | null;
                                    partnerCode: string | null;
                                    partnerName: string;
                                    quantity: number | null;
                                    rule: string;
                                    /** @enum {string} */
                                    source: "sipri" | "eu_coarm";
                                    sourceLine: number;
                                    valueMinor: number | null;
                                    year: number;
                                }[];
                            } | null;
                            identicalApprovals: {
                                approvedOn: string;
                                denialReference: string;
                                denialSource: string;
                                destination: string;
                                endUserName: string;
                                licenceNumber: string;
                                notify: {
                                    /** @enum {string} */
                                    clock: "within_target" | "past_target" | "past_limit";
                                    days: number;
                                    limit: string;
                                    target: string;
                                };
                            }[];
                            /** @enum {string} */
                            kind: "wassenaar";
                            participants: {
                                asOf: string;
                                count: number;
                                source: string;
                            };
                            period: {
                                end: string;
                                label: string;
                                start: string;
                            };
                            sensitiveDenials: {
                                controlEntries: string[];
                                deniedOn: string;
                                destination: string;
                                endUserName: string;
                                entries: string[];
                                notify: {
                                    /** @enum {string} */
                                    clock: "within_target" | "past_target" | "past_limit";
                                    days: number;
                                    limit: string;
                                    target: string;
                                };
                                reason: string;
                                reference: string;
                                /** @enum {string} */
                                tier: "sensitive" | "very_sensitive";
                            }[];
                            sensitiveLicences: {
                                destination: string;
                                licences: number;
                                quantity: number;
                                /** @enum {string} */
                                tier: "sensitive" | "very_sensitive";
                                unit: string;
                            }[];
                            state: string;
                            unmapped: {
                                controlEntry: string;
                                description: string;
                                /** @enum {string} */
                                direction: "export" | "import";
                                firearmType: string | null;
                                itemType: string;
                                lines: number;
                                partner: string;
                                quantity: number;
                                unit: string;
                            }[];
                            unmappedEntries: {
                                controlEntry: string;
                                references: string[];
                            }[];
                        } | {
                            ammunitionByType: {
                                found: number;
                                key: string;
                                lots: number;
                                seized: number;
                                surrendered: number;
                                total: number;
                            }[];
                            domesticTracing: {
                                notEstablished: number;
                                originEstablished: number;
                            };
                            firearmsByCriminalContext: {
                                found: number;
                                key: string;
                                seized: number;
                                surrendered: number;
                                total: number;
                            }[];
                            firearmsByLegalJustification: {
                                found: number;
                                key: string;
                                seized: number;
                                surrendered: number;
                                total: number;
                            }[];
                            firearmsByType: {
                                found: number;
                                key: string;
                                seized: number;
                                surrendered: number;
                                total: number;
                            }[];
                            /** @enum {string} */
                            kind: "iafq";
                            partsByType: {
                                found: number;
                                key: string;
                                seized: number;
                                surrendered: number;
                                total: number;
                            }[];
                            period: {
                                end: string;
                                label: string;
                                start: string;
                            };
                            sdg: {
                                denominator: number;
                                denominatorRecords: string[];
                                numerator: number;
                                numeratorRecords: string[];
                                proportion: number | null;
                                recordsAgree: boolean;
                            };
                            significantSeizures: {
                                cases: {
                                    caseReference: string;
                                    countriesOfManufacture: string[];
                                    criminalContext: string;
                                    firearms: number;
                                    items: string[];
                                    legalJustification: string;
                                    parts: number;
                                    place: string | null;
                                    recoveredOn: string;
                                    rounds: number;
                                }[];
                                threshold: {
                                    firearms: number;
                                    rounds: number;
                                };
                            };
                            state: string;
                            tracingRequests: {
                                count: number;
                                direction: string;
                                /** @enum {string} */
                                outcome: "answered" | "partly_answered" | "refused" | "pending" | "closed" | "not_sent";
                            }[];
                        } | {
                            /** @enum {string} */
                            kind: "protocol";
                            period: {
                                end: string;
                                label: string;
                                start: string;
                            };
                            provisions: {
                                article: string;
                                evidence: {
                                    code: string;
                                    params: {
                                        [key: string]: string | number;
                                    };
                                    records?: string[];
                                    text: string;
                                    value: number | null;
                                }[];
                                requirement: string;
                                stateAssessment: string;
                                title: string;
                            }[];
                            state: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored reports, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    kind?: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                auditSize: number;
                                contentHash: string;
                                generatedAt: string;
                                generatedBy: string;
                                /** @enum {string} */
                                kind: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                                options: {
                                    [key: string]: unknown;
                                };
                                periodEnd: string;
                                periodStart: string;
                                reference: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Generate and store a report: its period, the audit-log size when computed and its content hash (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default actual
                         * @enum {string}
                         */
                        basis?: "authorised" | "actual";
                        /** @enum {string} */
                        kind: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                        period: string;
                        /** @default 10 */
                        significantFirearms?: number;
                        /** @default 1000 */
                        significantRounds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auditSize: number;
                            content: {
                                /** @enum {string} */
                                basis: "authorised" | "actual";
                                exports: {
                                    category: string;
                                    categoryTitle: string;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    intermediate: string | null;
                                    partner: string;
                                    quantity: number | null;
                                    stateOfOrigin: string | null;
                                    unit: string;
                                    valueMinor: number | null;
                                    withheld: ("commercially_sensitive" | "national_security") | null;
                                }[];
                                historical: {
                                    aggregates: number;
                                    exports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    imports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    note: string;
                                    notReportable: number;
                                    sources: {
                                        attribution: string;
                                        fileName: string;
                                        fileSha256: string;
                                        importedAt: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceName: string;
                                    }[];
                                    unmapped: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                } | null;
                                imports: {
                                    category: string;
                                    categoryTitle: string;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    intermediate: string | null;
                                    partner: string;
                                    quantity: number | null;
                                    stateOfOrigin: string | null;
                                    unit: string;
                                    valueMinor: number | null;
                                    withheld: ("commercially_sensitive" | "national_security") | null;
                                }[];
                                /** @enum {string} */
                                kind: "unroca" | "att";
                                nil: {
                                    exports: boolean;
                                    imports: boolean;
                                };
                                notReportable: number;
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                state: string;
                                unmapped: {
                                    controlEntry: string;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    firearmType: string | null;
                                    itemType: string;
                                    lines: number;
                                    partner: string;
                                    quantity: number;
                                    unit: string;
                                }[];
                                withholding: {
                                    commerciallySensitive: number;
                                    declared: boolean;
                                    nationalSecurity: number;
                                };
                            } | {
                                armsDeliveries: {
                                    category: string;
                                    categoryTitle: string;
                                    modelType: string | null;
                                    quantity: number;
                                    recipient: string;
                                }[];
                                basicListDenials: {
                                    category: string;
                                    denials: number;
                                    destination: string;
                                }[];
                                historical: {
                                    aggregates: number;
                                    exports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    imports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    note: string;
                                    notReportable: number;
                                    sources: {
                                        attribution: string;
                                        fileName: string;
                                        fileSha256: string;
                                        importedAt: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceName: string;
                                    }[];
                                    unmapped: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                } | null;
                                identicalApprovals: {
                                    approvedOn: string;
                                    denialReference: string;
                                    denialSource: string;
                                    destination: string;
                                    endUserName: string;
                                    licenceNumber: string;
                                    notify: {
                                        /** @enum {string} */
                                        clock: "within_target" | "past_target" | "past_limit";
                                        days: number;
                                        limit: string;
                                        target: string;
                                    };
                                }[];
                                /** @enum {string} */
                                kind: "wassenaar";
                                participants: {
                                    asOf: string;
                                    count: number;
                                    source: string;
                                };
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                sensitiveDenials: {
                                    controlEntries: string[];
                                    deniedOn: string;
                                    destination: string;
                                    endUserName: string;
                                    entries: string[];
                                    notify: {
                                        /** @enum {string} */
                                        clock: "within_target" | "past_target" | "past_limit";
                                        days: number;
                                        limit: string;
                                        target: string;
                                    };
                                    reason: string;
                                    reference: string;
                                    /** @enum {string} */
                                    tier: "sensitive" | "very_sensitive";
                                }[];
                                sensitiveLicences: {
                                    destination: string;
                                    licences: number;
                                    quantity: number;
                                    /** @enum {string} */
                                    tier: "sensitive" | "very_sensitive";
                                    unit: string;
                                }[];
                                state: string;
                                unmapped: {
                                    controlEntry: string;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    firearmType: string | null;
                                    itemType: string;
                                    lines: number;
                                    partner: string;
                                    quantity: number;
                                    unit: string;
                                }[];
                                unmappedEntries: {
                                    controlEntry: string;
                                    references: string[];
                                }[];
                            } | {
                                ammunitionByType: {
                                    found: number;
                                    key: string;
                                    lots: number;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                domesticTracing: {
                                    notEstablished: number;
                                    originEstablished: number;
                                };
                                firearmsByCriminalContext: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                firearmsByLegalJustification: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                firearmsByType: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                /** @enum {string} */
                                kind: "iafq";
                                partsByType: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                sdg: {
                                    denominator: number;
                                    denominatorRecords: string[];
                                    numerator: number;
                                    numeratorRecords: string[];
                                    proportion: number | null;
                                    recordsAgree: boolean;
                                };
                                significantSeizures: {
                                    cases: {
                                        caseReference: string;
                                        countriesOfManufacture: string[];
                                        criminalContext: string;
                                        firearms: number;
                                        items: string[];
                                        legalJustification: string;
                                        parts: number;
                                        place: string | null;
                                        recoveredOn: string;
                                        rounds: number;
                                    }[];
                                    threshold: {
                                        firearms: number;
                                        rounds: number;
                                    };
                                };
                                state: string;
                                tracingRequests: {
                                    count: number;
                                    direction: string;
                                    /** @enum {string} */
                                    outcome: "answered" | "partly_answered" | "refused" | "pending" | "closed" | "not_sent";
                                }[];
                            } | {
                                /** @enum {string} */
                                kind: "protocol";
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                provisions: {
                                    article: string;
                                    evidence: {
                                        code: string;
                                        params: {
                                            [key: string]: string | number;
                                        };
                                        records?: string[];
                                        text: string;
                                        value: number | null;
                                    }[];
                                    requirement: string;
                                    stateAssessment: string;
                                    title: string;
                                }[];
                                state: string;
                            };
                            contentHash: string;
                            generatedAt: string;
                            generatedBy: string;
                            /** @enum {string} */
                            kind: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                            options: {
                                [key: string]: unknown;
                            };
                            periodEnd: string;
                            periodStart: string;
                            reference: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/reports/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored report with its content */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auditSize: number;
                            content: {
                                /** @enum {string} */
                                basis: "authorised" | "actual";
                                exports: {
                                    category: string;
                                    categoryTitle: string;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    intermediate: string | null;
                                    partner: string;
                                    quantity: number | null;
                                    stateOfOrigin: string | null;
                                    unit: string;
                                    valueMinor: number | null;
                                    withheld: ("commercially_sensitive" | "national_security") | null;
                                }[];
                                historical: {
                                    aggregates: number;
                                    exports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    imports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    note: string;
                                    notReportable: number;
                                    sources: {
                                        attribution: string;
                                        fileName: string;
                                        fileSha256: string;
                                        importedAt: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceName: string;
                                    }[];
                                    unmapped: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                } | null;
                                imports: {
                                    category: string;
                                    categoryTitle: string;
                                    comments: string;
                                    currency: string | null;
                                    description: string;
                                    intermediate: string | null;
                                    partner: string;
                                    quantity: number | null;
                                    stateOfOrigin: string | null;
                                    unit: string;
                                    valueMinor: number | null;
                                    withheld: ("commercially_sensitive" | "national_security") | null;
                                }[];
                                /** @enum {string} */
                                kind: "unroca" | "att";
                                nil: {
                                    exports: boolean;
                                    imports: boolean;
                                };
                                notReportable: number;
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                state: string;
                                unmapped: {
                                    controlEntry: string;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    firearmType: string | null;
                                    itemType: string;
                                    lines: number;
                                    partner: string;
                                    quantity: number;
                                    unit: string;
                                }[];
                                withholding: {
                                    commerciallySensitive: number;
                                    declared: boolean;
                                    nationalSecurity: number;
                                };
                            } | {
                                armsDeliveries: {
                                    category: string;
                                    categoryTitle: string;
                                    modelType: string | null;
                                    quantity: number;
                                    recipient: string;
                                }[];
                                basicListDenials: {
                                    category: string;
                                    denials: number;
                                    destination: string;
                                }[];
                                historical: {
                                    aggregates: number;
                                    exports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    imports: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                    note: string;
                                    notReportable: number;
                                    sources: {
                                        attribution: string;
                                        fileName: string;
                                        fileSha256: string;
                                        importedAt: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceName: string;
                                    }[];
                                    unmapped: {
                                        category: string | null;
                                        categoryTitle: string | null;
                                        comments: string;
                                        currency: string | null;
                                        description: string;
                                        /** @enum {string} */
                                        direction: "export" | "import";
                                        licences: number | null;
                                        partnerCode: string | null;
                                        partnerName: string;
                                        quantity: number | null;
                                        rule: string;
                                        /** @enum {string} */
                                        source: "sipri" | "eu_coarm";
                                        sourceLine: number;
                                        valueMinor: number | null;
                                        year: number;
                                    }[];
                                } | null;
                                identicalApprovals: {
                                    approvedOn: string;
                                    denialReference: string;
                                    denialSource: string;
                                    destination: string;
                                    endUserName: string;
                                    licenceNumber: string;
                                    notify: {
                                        /** @enum {string} */
                                        clock: "within_target" | "past_target" | "past_limit";
                                        days: number;
                                        limit: string;
                                        target: string;
                                    };
                                }[];
                                /** @enum {string} */
                                kind: "wassenaar";
                                participants: {
                                    asOf: string;
                                    count: number;
                                    source: string;
                                };
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                sensitiveDenials: {
                                    controlEntries: string[];
                                    deniedOn: string;
                                    destination: string;
                                    endUserName: string;
                                    entries: string[];
                                    notify: {
                                        /** @enum {string} */
                                        clock: "within_target" | "past_target" | "past_limit";
                                        days: number;
                                        limit: string;
                                        target: string;
                                    };
                                    reason: string;
                                    reference: string;
                                    /** @enum {string} */
                                    tier: "sensitive" | "very_sensitive";
                                }[];
                                sensitiveLicences: {
                                    destination: string;
                                    licences: number;
                                    quantity: number;
                                    /** @enum {string} */
                                    tier: "sensitive" | "very_sensitive";
                                    unit: string;
                                }[];
                                state: string;
                                unmapped: {
                                    controlEntry: string;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "export" | "import";
                                    firearmType: string | null;
                                    itemType: string;
                                    lines: number;
                                    partner: string;
                                    quantity: number;
                                    unit: string;
                                }[];
                                unmappedEntries: {
                                    controlEntry: string;
                                    references: string[];
                                }[];
                            } | {
                                ammunitionByType: {
                                    found: number;
                                    key: string;
                                    lots: number;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                domesticTracing: {
                                    notEstablished: number;
                                    originEstablished: number;
                                };
                                firearmsByCriminalContext: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                firearmsByLegalJustification: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                firearmsByType: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                /** @enum {string} */
                                kind: "iafq";
                                partsByType: {
                                    found: number;
                                    key: string;
                                    seized: number;
                                    surrendered: number;
                                    total: number;
                                }[];
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                sdg: {
                                    denominator: number;
                                    denominatorRecords: string[];
                                    numerator: number;
                                    numeratorRecords: string[];
                                    proportion: number | null;
                                    recordsAgree: boolean;
                                };
                                significantSeizures: {
                                    cases: {
                                        caseReference: string;
                                        countriesOfManufacture: string[];
                                        criminalContext: string;
                                        firearms: number;
                                        items: string[];
                                        legalJustification: string;
                                        parts: number;
                                        place: string | null;
                                        recoveredOn: string;
                                        rounds: number;
                                    }[];
                                    threshold: {
                                        firearms: number;
                                        rounds: number;
                                    };
                                };
                                state: string;
                                tracingRequests: {
                                    count: number;
                                    direction: string;
                                    /** @enum {string} */
                                    outcome: "answered" | "partly_answered" | "refused" | "pending" | "closed" | "not_sent";
                                }[];
                            } | {
                                /** @enum {string} */
                                kind: "protocol";
                                period: {
                                    end: string;
                                    label: string;
                                    start: string;
                                };
                                provisions: {
                                    article: string;
                                    evidence: {
                                        code: string;
                                        params: {
                                            [key: string]: string | number;
                                        };
                                        records?: string[];
                                        text: string;
                                        value: number | null;
                                    }[];
                                    requirement: string;
                                    stateAssessment: string;
                                    title: string;
                                }[];
                                state: string;
                            };
                            contentHash: string;
                            generatedAt: string;
                            generatedBy: string;
                            /** @enum {string} */
                            kind: "unroca" | "att" | "wassenaar" | "iafq" | "protocol";
                            options: {
                                [key: string]: unknown;
                            };
                            periodEnd: string;
                            periodStart: string;
                            reference: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/reports/{reference}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored report as XLSX (laid out like the official form), CSV or PDF */
        get: {
            parameters: {
                query: {
                    format: "csv" | "xlsx" | "pdf";
                };
                header?: never;
                path: {
                    reference: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/withheld-lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Licence lines withheld from the reports (ATT Art. 13(3)) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                licenceNumber: string;
                                lineNo: number;
                                markedAt: string;
                                markedBy: string;
                                note: string | null;
                                /** @enum {string} */
                                reason: "commercially_sensitive" | "national_security";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Withhold a licence line as commercially sensitive or national-security data (ATT Art. 13(3)) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        licenceNumber: string;
                        lineNo: number;
                        /** @default null */
                        note?: string | null;
                        /** @enum {string} */
                        reason: "commercially_sensitive" | "national_security";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            licenceNumber: string;
                            lineNo: number;
                            markedAt: string;
                            markedBy: string;
                            note: string | null;
                            /** @enum {string} */
                            reason: "commercially_sensitive" | "national_security";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reporting/withheld-lines/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a withheld licence line again (reason required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        licenceNumber: string;
                        lineNo: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            licenceNumber: string;
                            lineNo: number;
                            markedAt: string;
                            markedBy: string;
                            note: string | null;
                            /** @enum {string} */
                            reason: "commercially_sensitive" | "national_security";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts raised by re-screening after a list update */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    status?: "open" | "acknowledged";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                acknowledgedAt: string | null;
                                acknowledgedBy: string | null;
                                hitId: string;
                                id: string;
                                raisedAt: string;
                                reason: string;
                                status: string;
                                subjectId: string;
                                versionId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            hitId: string;
                            id: string;
                            raisedAt: string;
                            reason: string;
                            status: string;
                            subjectId: string;
                            versionId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/denials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Denials received from other States */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                controlCategories: string[];
                                deniedOn: string;
                                destination: string;
                                endUserName: string;
                                id: string;
                                notifyingState: string;
                                reason: string | null;
                                receivedAt: string;
                                receivedBy: string;
                                reference: string;
                                revokedAt: string | null;
                                revokedReason: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a denial notified by another State */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        controlCategories: string[];
                        deniedOn: string;
                        destination: string;
                        endUserName: string;
                        notifyingState: string;
                        reason?: string;
                        reference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            controlCategories: string[];
                            deniedOn: string;
                            destination: string;
                            endUserName: string;
                            id: string;
                            notifyingState: string;
                            reason: string | null;
                            receivedAt: string;
                            receivedBy: string;
                            reference: string;
                            revokedAt: string | null;
                            revokedReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/denials/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Is an application essentially identical to a denied one (destination, end user, control category)? */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        controlCategories: string[];
                        destination: string;
                        endUserName: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flagged: boolean;
                            matches: {
                                commonCategories: string[];
                                denial: {
                                    controlCategories: string[];
                                    destination: string;
                                    endUserName: string;
                                    reference: string;
                                    source: string;
                                };
                                endUserScore: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/destinations/{countryCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Arms embargoes on a destination State, flagged by scope */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path: {
                    countryCode: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            countryCode: string;
                            date: string;
                            embargoes: {
                                id: string;
                                imposedBy: string;
                                instruments: string[];
                                scope: string;
                                target: string;
                            }[];
                            flagged: boolean;
                            strictestScope: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/hits/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the officer's decision on a hit (true match / false positive) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "true_match" | "false_positive";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            decidedAt: string;
                            decidedBy: string;
                            decision: string;
                            entryHash: string;
                            externalId: string;
                            hitId: string;
                            id: string;
                            reason: string;
                            source: string;
                            subjectFingerprint: string | null;
                            subjectId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List versions (active and superseded) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                entryCount: number;
                                fileName: string | null;
                                fileSha256: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                importedBy: string;
                                nameCount: number;
                                publishedOn: string | null;
                                source: string;
                                status: string;
                                supersededAt: string | null;
                                supersededBy: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a list file as a new version
         * @description Body: the file as published (UN Consolidated List XML, OFAC sdnList XML or OFAC SDN.CSV), sent as application/xml, text/csv or application/octet-stream; the format is detected from its content. The previous version stays active until the new one is loaded. A malformed file is rejected (400) and nothing changes. Known parties are re-screened and new hits raise alerts.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The file's encoding when not the format's own (UTF-8 XML, Latin-1 SDN.CSV) and without a byte-order mark */
                    encoding?: "utf-8" | "windows-1252" | "latin1" | "utf-16" | "utf-16le" | "utf-16be";
                    fileName?: string;
                    publishedOn?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rescreen: {
                                newAlerts: number;
                                subjects: number;
                            };
                            superseded: string[];
                            version: {
                                entryCount: number;
                                fileName: string | null;
                                fileSha256: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                importedBy: string;
                                nameCount: number;
                                publishedOn: string | null;
                                source: string;
                                status: string;
                                supersededAt: string | null;
                                supersededBy: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/lists/{from}/diff/{to}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries added, removed and changed between two versions of a list */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    from: string;
                    to: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: {
                                externalId: string;
                                name: string;
                                programmes: string[];
                                referenceNumber: string | null;
                            }[];
                            changed: {
                                externalId: string;
                                fields: string[];
                                name: string;
                                programmes: string[];
                                referenceNumber: string | null;
                            }[];
                            counts: {
                                added: number;
                                changed: number;
                                removed: number;
                            };
                            from: {
                                entryCount: number;
                                fileName: string | null;
                                fileSha256: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                importedBy: string;
                                nameCount: number;
                                publishedOn: string | null;
                                source: string;
                                status: string;
                                supersededAt: string | null;
                                supersededBy: string | null;
                            };
                            removed: {
                                externalId: string;
                                name: string;
                                programmes: string[];
                                referenceNumber: string | null;
                            }[];
                            to: {
                                entryCount: number;
                                fileName: string | null;
                                fileSha256: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                importedBy: string;
                                nameCount: number;
                                publishedOn: string | null;
                                source: string;
                                status: string;
                                supersededAt: string | null;
                                supersededBy: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/parties/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screen a batch of parties and remember them for re-screening */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        parties: {
                            country?: string;
                            dob?: string;
                            identifiers?: {
                                number: string;
                                type?: string;
                            }[];
                            /** @enum {string} */
                            kind?: "person" | "organisation" | "vessel" | "unknown";
                            name: string;
                            /** @default api */
                            origin?: string;
                            partyRef: string;
                        }[];
                        /** @default batch */
                        purpose?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            listVersions: {
                                id: string;
                                publishedOn: string | null;
                                source: string;
                            }[];
                            results: {
                                countryEmbargo: {
                                    countryCode: string;
                                    date: string;
                                    embargoes: {
                                        id: string;
                                        imposedBy: string;
                                        instruments: string[];
                                        scope: string;
                                        target: string;
                                    }[];
                                    flagged: boolean;
                                    strictestScope: string | null;
                                } | null;
                                hits: {
                                    entryName: string;
                                    explanation: {
                                        features: {
                                            detail: string;
                                            effect: number;
                                            feature: string;
                                        }[];
                                        matchedName: string;
                                        nameQuality: string;
                                        nameScore: number;
                                        notes: string[];
                                        pairs: {
                                            candidate: string | null;
                                            how: string;
                                            query: string;
                                            similarity: number;
                                        }[];
                                    };
                                    externalId: string;
                                    id: string | null;
                                    kind: string;
                                    programmes: string[];
                                    referenceNumber: string | null;
                                    score: number;
                                    source: string;
                                    status: ("open" | "suppressed" | "decided") | null;
                                    suppressedBy: string | null;
                                    versionId: string;
                                }[];
                                listVersions: {
                                    id: string;
                                    publishedOn: string | null;
                                    source: string;
                                }[];
                                openHits: number;
                                partyRef: string | null;
                                runId: string;
                                threshold: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/registry/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screen every current party of the registry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            listVersions: {
                                id: string;
                                publishedOn: string | null;
                                source: string;
                            }[];
                            parties: number;
                            withOpenHits: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/rescreen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-screen every known party now; new hits raise alerts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            newAlerts: number;
                            subjects: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recorded screening run with its hits and list versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/screening/screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Screen one name against the active lists */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        country?: string;
                        dob?: string;
                        identifiers?: {
                            number: string;
                            type?: string;
                        }[];
                        /** @enum {string} */
                        kind?: "person" | "organisation" | "vessel" | "unknown";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hits: {
                                entryName: string;
                                explanation: {
                                    features: {
                                        detail: string;
                                        effect: number;
                                        feature: string;
                                    }[];
                                    matchedName: string;
                                    nameQuality: string;
                                    nameScore: number;
                                    notes: string[];
                                    pairs: {
                                        candidate: string | null;
                                        how: string;
                                        query: string;
                                        similarity: number;
                                    }[];
                                };
                                externalId: string;
                                id: string | null;
                                kind: string;
                                programmes: string[];
                                referenceNumber: string | null;
                                score: number;
                                source: string;
                                status: ("open" | "suppressed" | "decided") | null;
                                suppressedBy: string | null;
                                versionId: string;
                            }[];
                            listVersions: {
                                id: string;
                                publishedOn: string | null;
                                source: string;
                            }[];
                            openHits: number;
                            partyRef: string | null;
                            runId: string;
                            threshold: number;
                            warnings: {
                                code: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/disposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Disposal certificates issued, newest first, by kind and day of disposal */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    from?: string;
                    kind?: "destruction" | "deactivation" | "other";
                    limit?: number;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                authorizationRef: string | null;
                                authorizingBody: string | null;
                                certificateNumber: string;
                                contentHash: string;
                                createdAt: string;
                                createdBy: string;
                                deactivationMark: string | null;
                                disposedOn: string;
                                essentialParts: string[] | null;
                                id: string;
                                identifyingMarking: string | null;
                                item: {
                                    calibre: string | null;
                                    kind: string;
                                    make: string | null;
                                    model: string | null;
                                    serialNumber: string | null;
                                    type: string | null;
                                };
                                /** @enum {string} */
                                kind: "destruction" | "deactivation" | "other";
                                method: string;
                                place: string;
                                recipientPartyId: string | null;
                                recoveredItemId: string | null;
                                registryItemId: string;
                                standardApplied: string | null;
                                verificationUrl: string;
                                verifyingAuthority: string | null;
                                witnesses: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Destroy, deactivate or otherwise dispose of (with its authorisation) a registry item; a signed certificate is issued */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorizationRef?: string | null;
                        authorizingBody?: string | null;
                        deactivationMark?: string | null;
                        /** Format: date */
                        disposedOn: string;
                        essentialParts?: string[] | null;
                        identifyingMarking?: string | null;
                        /** @enum {string} */
                        kind: "destruction" | "deactivation" | "other";
                        method: string;
                        place: string;
                        recipientPartyId?: string | null;
                        recoveredItemId?: string | null;
                        /** Format: uuid */
                        registryItemId: string;
                        standardApplied?: string | null;
                        verifyingAuthority?: string | null;
                        /** @default [] */
                        witnesses?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizationRef: string | null;
                            authorizingBody: string | null;
                            certificateNumber: string;
                            contentHash: string;
                            createdAt: string;
                            createdBy: string;
                            deactivationMark: string | null;
                            disposedOn: string;
                            essentialParts: string[] | null;
                            id: string;
                            identifyingMarking: string | null;
                            item: {
                                calibre: string | null;
                                kind: string;
                                make: string | null;
                                model: string | null;
                                serialNumber: string | null;
                                type: string | null;
                            };
                            /** @enum {string} */
                            kind: "destruction" | "deactivation" | "other";
                            method: string;
                            place: string;
                            recipientPartyId: string | null;
                            recoveredItemId: string | null;
                            registryItemId: string;
                            standardApplied: string | null;
                            verificationUrl: string;
                            verifyingAuthority: string | null;
                            witnesses: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/disposals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A disposal record */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizationRef: string | null;
                            authorizingBody: string | null;
                            certificateNumber: string;
                            contentHash: string;
                            createdAt: string;
                            createdBy: string;
                            deactivationMark: string | null;
                            disposedOn: string;
                            essentialParts: string[] | null;
                            id: string;
                            identifyingMarking: string | null;
                            item: {
                                calibre: string | null;
                                kind: string;
                                make: string | null;
                                model: string | null;
                                serialNumber: string | null;
                                type: string | null;
                            };
                            /** @enum {string} */
                            kind: "destruction" | "deactivation" | "other";
                            method: string;
                            place: string;
                            recipientPartyId: string | null;
                            recoveredItemId: string | null;
                            registryItemId: string;
                            standardApplied: string | null;
                            verificationUrl: string;
                            verifyingAuthority: string | null;
                            witnesses: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/disposals/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The disposal certificate (PDF, with the QR code of its public check) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import another State's signed tracing request, acknowledgement or response (verified with its key set and the fingerprint confirmed out of band) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        document: string;
                        fingerprint: string;
                        senderKeys: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SDG 16.4.2 / UNODC IAFQ figures for a period: firearms recovered, those whose illicit origin tracing established, breakdowns, tracing requests */
        get: {
            parameters: {
                query: {
                    from: string;
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            firearmsOriginEstablished: number;
                            firearmsRecovered: number;
                            period: {
                                from: string;
                                to: string;
                            };
                            requests: {
                                count: number;
                                direction: string;
                                status: string;
                            }[];
                            rows: {
                                criminalContext: string;
                                items: number;
                                kind: string;
                                legalJustification: string;
                                originEstablished: number;
                                quantity: number;
                                recoveryType: string;
                                type: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/hits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lost/stolen hits (alerts to the agency that took the report), made here and notified from abroad (`origin`), newest first */
        get: {
            parameters: {
                query?: {
                    agencyPartyId?: string;
                    alertStatus?: "open" | "acknowledged";
                    cursor?: string;
                    limit?: number;
                    mine?: "true" | "false";
                    origin?: "here" | "abroad";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                acknowledgedAt: string | null;
                                alertStatus: ("open" | "acknowledged") | null;
                                caseId: string;
                                createdAt: string;
                                /** @enum {string} */
                                foundBy: "exact_serial" | "confirmed_candidate";
                                id: string;
                                item: {
                                    calibre: string | null;
                                    /** @enum {string} */
                                    kind: "firearm" | "part" | "ammunition";
                                    make: string | null;
                                    model: string | null;
                                    type: string | null;
                                };
                                /** @enum {string} */
                                kind: "lost_stolen_hit" | "legal_holding";
                                /** @enum {string} */
                                origin: "here";
                                recoveredItemId: string;
                                recoveredOn: string;
                                recoveryReference: string;
                                registryItemId: string;
                                /** @enum {string} */
                                registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                reportEventId: string | null;
                                reportingAgency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                reportReference: string | null;
                            } | {
                                /** @enum {string} */
                                alertStatus: "open" | "acknowledged";
                                caseReference: string | null;
                                envelopeId: string;
                                holdingAuthority: {
                                    name: string;
                                };
                                id: string;
                                item: {
                                    calibre: string | null;
                                    /** @enum {string} */
                                    kind: "firearm" | "part" | "ammunition";
                                    make: string | null;
                                    model: string | null;
                                    serialNumber: string | null;
                                    type: string | null;
                                };
                                matchedOn: string[];
                                notifyingState: string;
                                /** @enum {string} */
                                origin: "abroad";
                                place: {
                                    country: string;
                                    description: string | null;
                                    locode: string | null;
                                };
                                receivedAt: string;
                                recoveredOn: string;
                                /** @enum {string} */
                                recoveryType: "seized" | "found" | "surrendered";
                                reportingAgency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                reportReference: string;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/hits-abroad": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items this State reported lost or stolen that another State's node notified as recovered there (open alerts first to act on), newest first */
        get: {
            parameters: {
                query?: {
                    agencyPartyId?: string;
                    alertStatus?: "open" | "acknowledged";
                    limit?: number;
                    mine?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                alertStatus: "open" | "acknowledged";
                                caseReference: string | null;
                                envelopeId: string;
                                holdingAuthority: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                matchedOn: string[];
                                notifyingState: string;
                                place: {
                                    [key: string]: unknown;
                                };
                                receivedAt: string | null;
                                recoveredOn: string;
                                recoveryType: string;
                                reportingAgencyPartyId?: string;
                                reportReference: string;
                                weapon: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/hits-abroad/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An officer has seen a hit notified from abroad: it leaves the open alerts (nothing is sent to the other State) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            alertStatus: "open" | "acknowledged";
                            caseReference: string | null;
                            envelopeId: string;
                            holdingAuthority: {
                                [key: string]: unknown;
                            };
                            id: string;
                            matchedOn: string[];
                            notifyingState: string;
                            place: {
                                [key: string]: unknown;
                            };
                            receivedAt: string | null;
                            recoveredOn: string;
                            recoveryType: string;
                            reportingAgencyPartyId?: string;
                            reportReference: string;
                            weapon: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/hits/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The reporting agency has seen the hit (it leaves the open count) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            alertStatus: ("open" | "acknowledged") | null;
                            createdAt: string;
                            /** @enum {string} */
                            foundBy: "exact_serial" | "confirmed_candidate";
                            id: string;
                            /** @enum {string} */
                            kind: "lost_stolen_hit" | "legal_holding";
                            recoveryReference: string;
                            registryItemId: string;
                            /** @enum {string} */
                            registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                            reportEventId: string | null;
                            reportingAgency: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            reportReference: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/hits/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open and acknowledged hits, in all and per reporting agency (the dashboard) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            abroad: {
                                acknowledged: number;
                                open: number;
                            };
                            acknowledged: number;
                            byAgency: {
                                abroad: {
                                    acknowledged: number;
                                    open: number;
                                };
                                acknowledged: number;
                                agency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                open: number;
                            }[];
                            mine: {
                                abroad: {
                                    acknowledged: number;
                                    open: number;
                                };
                                acknowledged: number;
                                agency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                open: number;
                            } | null;
                            open: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/photographs/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A photograph's image bytes (its media type; X-Content-SHA256 carries its hash) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/photographs/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a photograph with the reason (it is kept, readable and audited; new tracing requests no longer cite it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caption: string | null;
                            contentUrl: string;
                            fileName: string | null;
                            id: string;
                            itemReference: string;
                            /** @enum {string} */
                            mediaType: "image/jpeg" | "image/png" | "image/webp";
                            recoveredItemId: string;
                            recoveryId: string;
                            sha256: string;
                            sizeBytes: number;
                            uploadedAt: string;
                            uploadedBy: string;
                            withdrawalReason: string | null;
                            withdrawn: boolean;
                            withdrawnAt: string | null;
                            withdrawnBy: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recoveries, newest first, by type, agency and period */
        get: {
            parameters: {
                query?: {
                    agencyPartyId?: string;
                    criminalContext?: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                    cursor?: string;
                    from?: string;
                    itemType?: string;
                    kind?: "firearm" | "part" | "ammunition";
                    legalJustification?: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                    limit?: number;
                    originEstablished?: "true" | "false";
                    recoveryType?: "seized" | "found" | "surrendered";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                createdAt: string;
                                /** @enum {string} */
                                criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                                id: string;
                                itemCount: number;
                                /** @enum {string} */
                                legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                                legalReference: string | null;
                                matchingItems: number;
                                placeLatitude: number | null;
                                placeLocode: string | null;
                                placeLongitude: number | null;
                                placeText: string | null;
                                recoveredOn: string;
                                /** @enum {string} */
                                recoveryType: "seized" | "found" | "surrendered";
                                reference: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a seizure, find or surrender with its items and marks as read; every item is checked against the registry at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        agencyPartyId: string;
                        /** @enum {string} */
                        criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                        items: {
                            calibre?: string | null;
                            countryOfManufacture?: string | null;
                            description?: string | null;
                            /** @enum {string} */
                            kind: "firearm" | "part" | "ammunition";
                            make?: string | null;
                            /** @default [] */
                            markings?: {
                                countryOfManufacture?: string | null;
                                /** @enum {string} */
                                location: "frame" | "receiver" | "barrel" | "slide" | "cylinder" | "bolt" | "breech_block" | "suppressor" | "packaging" | "other";
                                manufacturerName?: string | null;
                                serialAsRead?: string | null;
                                /** @enum {string} */
                                state: "intact" | "obliterated" | "altered" | "removed" | "falsified" | "unmarked";
                                textAsRead?: string | null;
                            }[];
                            model?: string | null;
                            /** @enum {string} */
                            nature: "industrial" | "craft" | "converted" | "reactivated" | "3d_printed" | "other_privately_made";
                            quantity?: number | null;
                            type?: string | null;
                        }[];
                        /** @enum {string} */
                        legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                        legalReference?: string | null;
                        notes?: string | null;
                        /** @default [] */
                        persons?: {
                            /** Format: uuid */
                            partyId: string;
                            /** @enum {string} */
                            role: "suspect" | "owner" | "finder" | "surrendering_person" | "witness" | "other";
                        }[];
                        place: {
                            latitude?: number | null;
                            locode?: string | null;
                            longitude?: number | null;
                            text?: string | null;
                        };
                        /** Format: date */
                        recoveredOn: string;
                        /** @enum {string} */
                        recoveryType: "seized" | "found" | "surrendered";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agency: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                            id: string;
                            itemCount: number;
                            items: {
                                calibre: string | null;
                                candidateCount: number;
                                candidates: {
                                    calibre: string | null;
                                    make: string | null;
                                    model: string | null;
                                    rank: number;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    score: number;
                                    serialNumber: string | null;
                                }[];
                                checkedAt: string | null;
                                /** @enum {string} */
                                checkOutcome: "hit" | "linked" | "candidates" | "registered" | "no_match" | "unchecked";
                                countryOfManufacture: string | null;
                                description: string | null;
                                foreignHits: {
                                    createdAt: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost" | "stolen";
                                    matchedOn: string[];
                                    notified: boolean;
                                    occurredOn: string | null;
                                    reportingAuthority: string | null;
                                    reportingState: string;
                                    reportReference: string;
                                    /** @enum {string} */
                                    reportStatus: "active" | "withdrawn";
                                }[];
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                make: string | null;
                                markings: {
                                    countryOfManufacture: string | null;
                                    location: string;
                                    manufacturerName: string | null;
                                    seq: number;
                                    serialAsRead: string | null;
                                    /** @enum {string} */
                                    state: "intact" | "obliterated" | "altered" | "removed" | "falsified" | "unmarked";
                                    textAsRead: string | null;
                                }[];
                                match: {
                                    acknowledgedAt: string | null;
                                    alertStatus: ("open" | "acknowledged") | null;
                                    createdAt: string;
                                    /** @enum {string} */
                                    foundBy: "exact_serial" | "confirmed_candidate";
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost_stolen_hit" | "legal_holding";
                                    recoveryReference: string;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    reportEventId: string | null;
                                    reportingAgency: {
                                        country: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "person" | "organisation";
                                        name: string | null;
                                        registrationNumber: string | null;
                                        retired: boolean;
                                        roles: string[];
                                    } | null;
                                    reportReference: string | null;
                                } | null;
                                model: string | null;
                                /** @enum {string} */
                                nature: "industrial" | "craft" | "converted" | "reactivated" | "3d_printed" | "other_privately_made";
                                quantity: number;
                                registryItemId: string | null;
                                seq: number;
                                traces: {
                                    createdAt: string;
                                    id: string;
                                    reference: string;
                                }[];
                                type: string | null;
                            }[];
                            /** @enum {string} */
                            legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                            legalReference: string | null;
                            matchingItems: number;
                            notes: string | null;
                            persons: {
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                };
                                /** @enum {string} */
                                role: "suspect" | "owner" | "finder" | "surrendering_person" | "witness" | "other";
                            }[];
                            placeLatitude: number | null;
                            placeLocode: string | null;
                            placeLongitude: number | null;
                            placeText: string | null;
                            recoveredOn: string;
                            /** @enum {string} */
                            recoveryType: "seized" | "found" | "surrendered";
                            reference: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recovery: items, marks as read with their state, ranked candidates, hits and links */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agency: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                            id: string;
                            itemCount: number;
                            items: {
                                calibre: string | null;
                                candidateCount: number;
                                candidates: {
                                    calibre: string | null;
                                    make: string | null;
                                    model: string | null;
                                    rank: number;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    score: number;
                                    serialNumber: string | null;
                                }[];
                                checkedAt: string | null;
                                /** @enum {string} */
                                checkOutcome: "hit" | "linked" | "candidates" | "registered" | "no_match" | "unchecked";
                                countryOfManufacture: string | null;
                                description: string | null;
                                foreignHits: {
                                    createdAt: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost" | "stolen";
                                    matchedOn: string[];
                                    notified: boolean;
                                    occurredOn: string | null;
                                    reportingAuthority: string | null;
                                    reportingState: string;
                                    reportReference: string;
                                    /** @enum {string} */
                                    reportStatus: "active" | "withdrawn";
                                }[];
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                make: string | null;
                                markings: {
                                    countryOfManufacture: string | null;
                                    location: string;
                                    manufacturerName: string | null;
                                    seq: number;
                                    serialAsRead: string | null;
                                    /** @enum {string} */
                                    state: "intact" | "obliterated" | "altered" | "removed" | "falsified" | "unmarked";
                                    textAsRead: string | null;
                                }[];
                                match: {
                                    acknowledgedAt: string | null;
                                    alertStatus: ("open" | "acknowledged") | null;
                                    createdAt: string;
                                    /** @enum {string} */
                                    foundBy: "exact_serial" | "confirmed_candidate";
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost_stolen_hit" | "legal_holding";
                                    recoveryReference: string;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    reportEventId: string | null;
                                    reportingAgency: {
                                        country: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "person" | "organisation";
                                        name: string | null;
                                        registrationNumber: string | null;
                                        retired: boolean;
                                        roles: string[];
                                    } | null;
                                    reportReference: string | null;
                                } | null;
                                model: string | null;
                                /** @enum {string} */
                                nature: "industrial" | "craft" | "converted" | "reactivated" | "3d_printed" | "other_privately_made";
                                quantity: number;
                                registryItemId: string | null;
                                seq: number;
                                traces: {
                                    createdAt: string;
                                    id: string;
                                    reference: string;
                                }[];
                                type: string | null;
                            }[];
                            /** @enum {string} */
                            legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                            legalReference: string | null;
                            matchingItems: number;
                            notes: string | null;
                            persons: {
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                };
                                /** @enum {string} */
                                role: "suspect" | "owner" | "finder" | "surrendering_person" | "witness" | "other";
                            }[];
                            placeLatitude: number | null;
                            placeLocode: string | null;
                            placeLongitude: number | null;
                            placeText: string | null;
                            recoveredOn: string;
                            /** @enum {string} */
                            recoveryType: "seized" | "found" | "surrendered";
                            reference: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}/items/{itemId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Identify a recovered item with one of its ranked candidates (a hit if it was reported lost or stolen, else a link) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        registryItemId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agency: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                            id: string;
                            itemCount: number;
                            items: {
                                calibre: string | null;
                                candidateCount: number;
                                candidates: {
                                    calibre: string | null;
                                    make: string | null;
                                    model: string | null;
                                    rank: number;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    score: number;
                                    serialNumber: string | null;
                                }[];
                                checkedAt: string | null;
                                /** @enum {string} */
                                checkOutcome: "hit" | "linked" | "candidates" | "registered" | "no_match" | "unchecked";
                                countryOfManufacture: string | null;
                                description: string | null;
                                foreignHits: {
                                    createdAt: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost" | "stolen";
                                    matchedOn: string[];
                                    notified: boolean;
                                    occurredOn: string | null;
                                    reportingAuthority: string | null;
                                    reportingState: string;
                                    reportReference: string;
                                    /** @enum {string} */
                                    reportStatus: "active" | "withdrawn";
                                }[];
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                make: string | null;
                                markings: {
                                    countryOfManufacture: string | null;
                                    location: string;
                                    manufacturerName: string | null;
                                    seq: number;
                                    serialAsRead: string | null;
                                    /** @enum {string} */
                                    state: "intact" | "obliterated" | "altered" | "removed" | "falsified" | "unmarked";
                                    textAsRead: string | null;
                                }[];
                                match: {
                                    acknowledgedAt: string | null;
                                    alertStatus: ("open" | "acknowledged") | null;
                                    createdAt: string;
                                    /** @enum {string} */
                                    foundBy: "exact_serial" | "confirmed_candidate";
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost_stolen_hit" | "legal_holding";
                                    recoveryReference: string;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    reportEventId: string | null;
                                    reportingAgency: {
                                        country: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "person" | "organisation";
                                        name: string | null;
                                        registrationNumber: string | null;
                                        retired: boolean;
                                        roles: string[];
                                    } | null;
                                    reportReference: string | null;
                                } | null;
                                model: string | null;
                                /** @enum {string} */
                                nature: "industrial" | "craft" | "converted" | "reactivated" | "3d_printed" | "other_privately_made";
                                quantity: number;
                                registryItemId: string | null;
                                seq: number;
                                traces: {
                                    createdAt: string;
                                    id: string;
                                    reference: string;
                                }[];
                                type: string | null;
                            }[];
                            /** @enum {string} */
                            legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                            legalReference: string | null;
                            matchingItems: number;
                            notes: string | null;
                            persons: {
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                };
                                /** @enum {string} */
                                role: "suspect" | "owner" | "finder" | "surrendering_person" | "witness" | "other";
                            }[];
                            placeLatitude: number | null;
                            placeLocode: string | null;
                            placeLongitude: number | null;
                            placeText: string | null;
                            recoveredOn: string;
                            /** @enum {string} */
                            recoveryType: "seized" | "found" | "surrendered";
                            reference: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}/items/{itemId}/photographs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add photographs of a recovered item (multipart/form-data: one or more files in the field "file", an optional "caption")
         * @description JPEG, PNG or WebP, decided by the bytes' signature (not the file name); each at most CUSTODIA_TRACING_PHOTO_MAX_BYTES (default 10 MiB), at most 10 in one upload. One bad file refuses the upload (400, or 413 for size), naming the field; nothing is stored. The bytes are kept with their SHA-256, which tracing requests cite.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                caption: string | null;
                                contentUrl: string;
                                fileName: string | null;
                                id: string;
                                itemReference: string;
                                /** @enum {string} */
                                mediaType: "image/jpeg" | "image/png" | "image/webp";
                                recoveredItemId: string;
                                recoveryId: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                uploadedBy: string;
                                withdrawalReason: string | null;
                                withdrawn: boolean;
                                withdrawnAt: string | null;
                                withdrawnBy: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}/items/{itemId}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** None of the candidates is the item: register it as seized, with the State confiscation mark */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agency: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            createdAt: string;
                            createdBy: string;
                            /** @enum {string} */
                            criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                            id: string;
                            itemCount: number;
                            items: {
                                calibre: string | null;
                                candidateCount: number;
                                candidates: {
                                    calibre: string | null;
                                    make: string | null;
                                    model: string | null;
                                    rank: number;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    score: number;
                                    serialNumber: string | null;
                                }[];
                                checkedAt: string | null;
                                /** @enum {string} */
                                checkOutcome: "hit" | "linked" | "candidates" | "registered" | "no_match" | "unchecked";
                                countryOfManufacture: string | null;
                                description: string | null;
                                foreignHits: {
                                    createdAt: string;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost" | "stolen";
                                    matchedOn: string[];
                                    notified: boolean;
                                    occurredOn: string | null;
                                    reportingAuthority: string | null;
                                    reportingState: string;
                                    reportReference: string;
                                    /** @enum {string} */
                                    reportStatus: "active" | "withdrawn";
                                }[];
                                id: string;
                                /** @enum {string} */
                                kind: "firearm" | "part" | "ammunition";
                                make: string | null;
                                markings: {
                                    countryOfManufacture: string | null;
                                    location: string;
                                    manufacturerName: string | null;
                                    seq: number;
                                    serialAsRead: string | null;
                                    /** @enum {string} */
                                    state: "intact" | "obliterated" | "altered" | "removed" | "falsified" | "unmarked";
                                    textAsRead: string | null;
                                }[];
                                match: {
                                    acknowledgedAt: string | null;
                                    alertStatus: ("open" | "acknowledged") | null;
                                    createdAt: string;
                                    /** @enum {string} */
                                    foundBy: "exact_serial" | "confirmed_candidate";
                                    id: string;
                                    /** @enum {string} */
                                    kind: "lost_stolen_hit" | "legal_holding";
                                    recoveryReference: string;
                                    registryItemId: string;
                                    /** @enum {string} */
                                    registryStatus: "registered" | "active" | "loaned" | "in_transit" | "lost" | "stolen" | "seized" | "confiscated" | "deactivated" | "exported" | "destroyed";
                                    reportEventId: string | null;
                                    reportingAgency: {
                                        country: string | null;
                                        id: string;
                                        /** @enum {string} */
                                        kind: "person" | "organisation";
                                        name: string | null;
                                        registrationNumber: string | null;
                                        retired: boolean;
                                        roles: string[];
                                    } | null;
                                    reportReference: string | null;
                                } | null;
                                model: string | null;
                                /** @enum {string} */
                                nature: "industrial" | "craft" | "converted" | "reactivated" | "3d_printed" | "other_privately_made";
                                quantity: number;
                                registryItemId: string | null;
                                seq: number;
                                traces: {
                                    createdAt: string;
                                    id: string;
                                    reference: string;
                                }[];
                                type: string | null;
                            }[];
                            /** @enum {string} */
                            legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                            legalReference: string | null;
                            matchingItems: number;
                            notes: string | null;
                            persons: {
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                };
                                /** @enum {string} */
                                role: "suspect" | "owner" | "finder" | "surrendering_person" | "witness" | "other";
                            }[];
                            placeLatitude: number | null;
                            placeLocode: string | null;
                            placeLongitude: number | null;
                            placeText: string | null;
                            recoveredOn: string;
                            /** @enum {string} */
                            recoveryType: "seized" | "found" | "surrendered";
                            reference: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}/items/{itemId}/trace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the domestic trace of an identified recovered item: origin, lawful chain, last legal holder, authorizations, window of diversion (recorded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    itemId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizations: {
                                eventId: string;
                                kind: string;
                                licenceId: string | null;
                                ref: string | null;
                            }[];
                            chain: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            createdAt: string;
                            createdBy: string;
                            diversion: {
                                /** @enum {string} */
                                basis: "lost_stolen_report" | "recovery";
                                from: string | null;
                                place: string | null;
                                reportEventId: string | null;
                                to: string;
                            };
                            endsAbroad: boolean;
                            id: string;
                            illicitOriginEstablished: boolean;
                            lastLegalEventId: string | null;
                            lastLegalHolder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            origin: {
                                at: string | null;
                                country: string | null;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "unknown";
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                            };
                            recoveredItemId: string;
                            recoveryId: string;
                            recoveryReference: string;
                            reference: string;
                            registryItemId: string;
                            requestCountry: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/{id}/photographs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recovery's photographs (metadata with SHA-256; withdrawn ones marked), or one item's with itemId */
        get: {
            parameters: {
                query?: {
                    itemId?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                caption: string | null;
                                contentUrl: string;
                                fileName: string | null;
                                id: string;
                                itemReference: string;
                                /** @enum {string} */
                                mediaType: "image/jpeg" | "image/png" | "image/webp";
                                recoveredItemId: string;
                                recoveryId: string;
                                sha256: string;
                                sizeBytes: number;
                                uploadedAt: string;
                                uploadedBy: string;
                                withdrawalReason: string | null;
                                withdrawn: boolean;
                                withdrawnAt: string | null;
                                withdrawnBy: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/recoveries/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a police seizure list (text/csv body, one row per item, rows grouped by the "case" column): the whole file or nothing, errors name line and column */
        post: {
            parameters: {
                query?: {
                    encoding?: "utf-8" | "windows-1252" | "latin1" | "utf-16" | "utf-16le" | "utf-16be";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cases: {
                                agency: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                createdAt: string;
                                /** @enum {string} */
                                criminalContext: "trafficking" | "violent_crime" | "drugs" | "organised_crime" | "terrorism" | "other" | "none";
                                id: string;
                                itemCount: number;
                                /** @enum {string} */
                                legalJustification: "illicit_possession" | "illicit_trafficking" | "illicit_manufacturing" | "marking_offence" | "other";
                                legalReference: string | null;
                                matchingItems: number;
                                outcomes: {
                                    [key: string]: number;
                                };
                                placeLatitude: number | null;
                                placeLocode: string | null;
                                placeLongitude: number | null;
                                placeText: string | null;
                                recoveredOn: string;
                                /** @enum {string} */
                                recoveryType: "seized" | "found" | "surrendered";
                                reference: string;
                            }[];
                            itemCount: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tracing requests, outgoing and incoming; overdue=true for late answers, reminder=true for deadlines near or passed */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    direction?: "outgoing" | "incoming";
                    from?: string;
                    limit?: number;
                    overdue?: "true" | "false";
                    reminder?: "true" | "false";
                    status?: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                acknowledgedAt: string | null;
                                caveats: {
                                    code: string;
                                    text?: string | null;
                                }[];
                                closedAt: string | null;
                                counterpartReference: string | null;
                                counterpartState: string;
                                createdAt: string;
                                createdBy: string;
                                daysLeft: number | null;
                                /** @enum {string} */
                                direction: "outgoing" | "incoming";
                                id: string;
                                overdue: boolean;
                                /** @enum {string} */
                                priority: "routine" | "urgent";
                                recoveredItemId: string | null;
                                reference: string;
                                reminder: ("approaching" | "due" | "overdue") | null;
                                request: {
                                    [key: string]: unknown;
                                };
                                requestSigned: boolean;
                                respondedAt: string | null;
                                response: {
                                    [key: string]: unknown;
                                } | null;
                                responseDueOn: string | null;
                                responseSigned: boolean;
                                senderKeyFingerprint: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                                statusReason: string | null;
                                traceId: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Draft an outgoing international tracing request (ISACS 05.31) for a recovered item */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        caveats?: {
                            /** @enum {string} */
                            code: "confidential" | "purpose_limited" | "no_onward_transfer" | "no_judicial_use_without_consent" | "notify_before_disclosure" | "other";
                            text?: string | null;
                        }[];
                        circumstances: string;
                        counterpartState: string;
                        illicitGrounds: ("illicit_under_national_law" | "embargo_violation" | "not_marked" | "inadequately_marked" | "illicit_manufacture" | "transferred_without_authorisation")[];
                        intendedUseOfInformation: string;
                        legalJustification: string;
                        /** @enum {string} */
                        priority: "routine" | "urgent";
                        /** Format: uuid */
                        recoveredItemId: string;
                        requestedInformation?: ("last_legal_holder" | "transfer_chain" | "export_licences" | "import_records" | "manufacturing_records")[] | null;
                        traceId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tracing request with its caveats, deadline and response */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/deadline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set or move a request's response deadline, with the reason (audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** Format: date */
                        responseDueOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed request or response as a document for the other State */
        get: {
            parameters: {
                query?: {
                    part?: "request" | "response";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            document: string;
                            envelope: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            format: "custodia-envelope+jws";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed request or response rendered as a PDF (the JSON document stays authoritative) */
        get: {
            parameters: {
                query?: {
                    part?: "request" | "response";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Draft the response to an incoming request from the registry (no body), or save the edited response */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        response: {
                            [key: string]: unknown;
                        };
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/response/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve and sign the response to an incoming request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a drafted request with the node key (the document to send) and start its response deadline */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a status learnt by other means (acknowledged, in progress, delayed or refused with the reason, closed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        counterpartReference?: string | null;
                        reason?: string | null;
                        /** @enum {string} */
                        status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledgedAt: string | null;
                            caveats: {
                                code: string;
                                text?: string | null;
                            }[];
                            closedAt: string | null;
                            counterpartReference: string | null;
                            counterpartState: string;
                            createdAt: string;
                            createdBy: string;
                            daysLeft: number | null;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            id: string;
                            overdue: boolean;
                            /** @enum {string} */
                            priority: "routine" | "urgent";
                            recoveredItemId: string | null;
                            reference: string;
                            reminder: ("approaching" | "due" | "overdue") | null;
                            request: {
                                [key: string]: unknown;
                            };
                            requestSigned: boolean;
                            respondedAt: string | null;
                            response: {
                                [key: string]: unknown;
                            } | null;
                            responseDueOn: string | null;
                            responseSigned: boolean;
                            senderKeyFingerprint: string | null;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                            statusReason: string | null;
                            traceId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/requests/reminders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests awaiting an answer whose deadline is near (the reminder days), due today or passed, earliest first, with counts (nothing is sent) */
        get: {
            parameters: {
                query?: {
                    direction?: "outgoing" | "incoming";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            counts: {
                                approaching: number;
                                due: number;
                                overdue: number;
                            };
                            items: {
                                acknowledgedAt: string | null;
                                caveats: {
                                    code: string;
                                    text?: string | null;
                                }[];
                                closedAt: string | null;
                                counterpartReference: string | null;
                                counterpartState: string;
                                createdAt: string;
                                createdBy: string;
                                daysLeft: number | null;
                                /** @enum {string} */
                                direction: "outgoing" | "incoming";
                                id: string;
                                overdue: boolean;
                                /** @enum {string} */
                                priority: "routine" | "urgent";
                                recoveredItemId: string | null;
                                reference: string;
                                reminder: ("approaching" | "due" | "overdue") | null;
                                request: {
                                    [key: string]: unknown;
                                };
                                requestSigned: boolean;
                                respondedAt: string | null;
                                response: {
                                    [key: string]: unknown;
                                } | null;
                                responseDueOn: string | null;
                                responseSigned: boolean;
                                senderKeyFingerprint: string | null;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "draft" | "received" | "sent" | "acknowledged" | "in_progress" | "responded" | "partial" | "delayed" | "refused" | "closed";
                                statusReason: string | null;
                                traceId: string | null;
                            }[];
                            reminderDays: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/traces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recorded domestic trace with the registry events it cites */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorizations: {
                                eventId: string;
                                kind: string;
                                licenceId: string | null;
                                ref: string | null;
                            }[];
                            chain: {
                                authorizationRef: string | null;
                                certificateRef: string | null;
                                counterpartCountry: string | null;
                                destructionMethod: string | null;
                                from: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                id: string;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "exported" | "transferred" | "loaned" | "returned" | "repaired" | "in_transit" | "reported_lost" | "reported_stolen" | "recovered" | "seized" | "confiscated" | "deactivated" | "destroyed";
                                licenceId: string | null;
                                note: string | null;
                                occurredAt: string;
                                placeLocode: string | null;
                                placeText: string | null;
                                recordedAt: string;
                                seq: number;
                                temporaryImportPurpose: string | null;
                                to: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                                witnesses: string[] | null;
                            }[];
                            createdAt: string;
                            createdBy: string;
                            diversion: {
                                /** @enum {string} */
                                basis: "lost_stolen_report" | "recovery";
                                from: string | null;
                                place: string | null;
                                reportEventId: string | null;
                                to: string;
                            };
                            endsAbroad: boolean;
                            id: string;
                            illicitOriginEstablished: boolean;
                            lastLegalEventId: string | null;
                            lastLegalHolder: {
                                country: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "person" | "organisation";
                                name: string | null;
                                registrationNumber: string | null;
                                retired: boolean;
                                roles: string[];
                            } | null;
                            origin: {
                                at: string | null;
                                country: string | null;
                                /** @enum {string} */
                                kind: "manufactured" | "imported" | "unknown";
                                party: {
                                    country: string | null;
                                    id: string;
                                    /** @enum {string} */
                                    kind: "person" | "organisation";
                                    name: string | null;
                                    registrationNumber: string | null;
                                    retired: boolean;
                                    roles: string[];
                                } | null;
                            };
                            recoveredItemId: string;
                            recoveryId: string;
                            recoveryReference: string;
                            reference: string;
                            registryItemId: string;
                            requestCountry: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracing/traces/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The domestic trace report (PDF) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/web/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Permission table: which roles may use each permission (the same table the server enforces), and the State this node serves */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permissions: {
                                [key: string]: string[];
                            };
                            state: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text format): requests, database, audit log, checkpoints, imports, screening
         * @description Not an API-token route: with CUSTODIA_METRICS_TOKEN set, send `Authorization: Bearer <that token>`; without it this listener answers 404 (CUSTODIA_METRICS_PORT serves it without a token on a separate interface). See docs/operations.md.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness for load balancers: database reachable, migrations applied, signing key loaded (503 otherwise) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                /** @enum {string} */
                                database: "ok" | "failing";
                                /** @enum {string} */
                                keys: "ok" | "failing";
                                /** @enum {string} */
                                migrations: "ok" | "failing";
                                /**
                                 * @description only with DATABASE_READ_URL; never fails readiness (reads fall back to the primary)
                                 * @enum {string}
                                 */
                                replica?: "ok" | "unavailable";
                            };
                            /** @enum {string} */
                            status: "ready" | "not ready";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                /** @enum {string} */
                                database: "ok" | "failing";
                                /** @enum {string} */
                                keys: "ok" | "failing";
                                /** @enum {string} */
                                migrations: "ok" | "failing";
                                /**
                                 * @description only with DATABASE_READ_URL; never fails readiness (reads fall back to the primary)
                                 * @enum {string}
                                 */
                                replica?: "ok" | "unavailable";
                            };
                            /** @enum {string} */
                            status: "ready" | "not ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
