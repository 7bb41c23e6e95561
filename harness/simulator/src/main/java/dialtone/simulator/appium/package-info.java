/**
 * The Appium-compatible W3C WebDriver server of the virtual rack. {@link dialtone.simulator.appium.AppiumServer}
 * serves every phone that implements {@link dialtone.simulator.appium.AppiumDevice}; the command table
 * lives in {@code WebDriverCommands}, the W3C routing rules in {@code CommandRouter}.
 */
package dialtone.simulator.appium;
