package dialtone.backend.admin;

import dialtone.backend.ApiException;
import dialtone.backend.Directory;
import dialtone.backend.TenantConfig;
import io.javalin.http.Context;

/** Admin calls carry {@code Authorization: Bearer <admin token>}; the token names the tenant. */
public final class AdminAuth {
    private final Directory directory;

    public AdminAuth(Directory directory) {
        this.directory = directory;
    }

    /** The caller's tenant, or 401. */
    public TenantConfig tenant(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "this call needs an Authorization: Bearer <admin token> header");
        }
        return directory.tenantOfAdminToken(header.substring(7).strip())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "the admin token is not valid for any tenant"));
    }
}
