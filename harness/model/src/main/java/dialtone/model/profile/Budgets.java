package dialtone.model.profile;

import java.time.Duration;

/**
 * How long each stage may take on this model before the harness calls it a failure, and how
 * often it looks. Every wait in the harness takes its budget from here.
 *
 * @param adbConnect   ADB reachable after the harness first asks
 * @param boot         factory reset or reboot until the sign-in screen shows
 * @param screen       one screen change after a tap
 * @param provisioning verification code submitted until the result screen
 * @param remoteSignIn admin's sign-in request until the phone shows its lock screen
 * @param signIn       portal login finished until the home screen
 * @param poll         interval between two looks at a screen or the backend
 */
public record Budgets(Duration adbConnect, Duration boot, Duration screen, Duration provisioning,
                      Duration remoteSignIn, Duration signIn, Duration poll) {}
