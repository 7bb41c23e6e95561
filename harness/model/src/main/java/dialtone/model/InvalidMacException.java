package dialtone.model;

/** A MAC address that is not one of the accepted spellings; the message quotes the input and says why. */
public final class InvalidMacException extends IllegalArgumentException {
    private final String input;

    InvalidMacException(String input, String why) {
        super("invalid MAC address \"" + input + "\": " + why);
        this.input = input;
    }

    /** The text as it was given (untrimmed). */
    public String input() {
        return input;
    }
}
