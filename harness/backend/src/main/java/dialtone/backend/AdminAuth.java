package dialtone.backend;

import io.javalin.http.Context;

/** The tenant an admin call acts for: its {@code Authorization: Bearer <admin token>} names it. */
public final class AdminAuth {
    private AdminAuth() {
    }

    /** The caller's tenant, or 401 when the header is missing or the token names no tenant. */
    public static TenantConfig tenant(Context ctx, Directory directory) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "this call needs an Authorization: Bearer <admin token> header");
        }
        return directory.tenantOfAdminToken(header.substring(7).strip())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "the admin token is not valid for any tenant"));
    }
}
