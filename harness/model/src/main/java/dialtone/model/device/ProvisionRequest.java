package dialtone.model.device;

/** The verification code as typed on the phone's dial pad (the backend validates it). */
public record ProvisionRequest(String verificationCode) {
}
