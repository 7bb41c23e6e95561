package dialtone.model.teamwork;

/** Graph {@code operationError}: why a device operation failed. */
public record TeamworkOperationError(String code, String message) {
}
