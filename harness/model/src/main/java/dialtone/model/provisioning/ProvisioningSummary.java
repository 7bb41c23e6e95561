package dialtone.model.provisioning;

/**
 * TAC's provisioning summary. {@code addedMacAddresses} counts the records still in the tabs
 * (the seed: after sign-in there is "one less device in the Added MAC Addresses list").
 */
public record ProvisioningSummary(int addedMacAddresses, int waitingOnActivation, int waitingForSignIn) {
}
