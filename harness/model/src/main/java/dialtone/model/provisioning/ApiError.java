package dialtone.model.provisioning;

/** The backend's error body: a stable machine code and a human message (never a secret). */
public record ApiError(String error, String message) {
}
