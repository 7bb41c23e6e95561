package dialtone.simulator.phone;

/**
 * The password-expired prompt's fields, as typed so far: the account's current password and the
 * new one, and what the backend said about the last Update ({@code error} null when nothing went
 * wrong yet). Passwords live only here, in memory, and are never logged.
 */
record PasswordPrompt(String upn, String currentPassword, String newPassword, String error, boolean busy) {

    static PasswordPrompt forAccount(String upn) {
        return new PasswordPrompt(upn, "", "", null, false);
    }

    PasswordPrompt withCurrent(String text) {
        return new PasswordPrompt(upn, text, newPassword, error, busy);
    }

    PasswordPrompt withNew(String text) {
        return new PasswordPrompt(upn, currentPassword, text, error, busy);
    }

    PasswordPrompt submitting() {
        return new PasswordPrompt(upn, currentPassword, newPassword, null, true);
    }

    PasswordPrompt refused(String backendError) {
        return new PasswordPrompt(upn, "", "", backendError, false);
    }

    @Override
    public String toString() {
        return "PasswordPrompt[" + upn + (error == null ? "" : ", " + error) + "]";
    }
}
