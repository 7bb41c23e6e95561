package dialtone.simulator.phone;

/**
 * What a phone shows at one instant; {@link PhoneScreens} draws it with the texts, ids and layout
 * of the phone's firmware line.
 *
 * @param provisioningError the backend's error code for a refused verification code ({@code unreachable} without an answer)
 * @param attemptsLeft      wrong attempts the backend still allows, when it said so
 */
record PhoneView(PhoneState state, FirmwareLine line, String organizationName, String codeEntry,
                 String provisioningError, Integer attemptsLeft, String deviceLoginCode, boolean deviceLoginCodeExpired,
                 String verificationUri, String signedInUser, String signInMode, EnrolmentStep enrolmentStep,
                 PasswordPrompt passwordPrompt) {

    /** The Company Portal screen being shown. */
    enum EnrolmentStep { VERIFYING, REGISTERING }

    VirtualModel model() {
        return line.model();
    }

    boolean signedIn() {
        return signedInUser != null;
    }
}
