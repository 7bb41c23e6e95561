/**
 * How a virtual phone describes its screen: an immutable tree of {@link dialtone.simulator.ui.UiNode}s
 * (built by hand or with {@link dialtone.simulator.ui.Layout}) in a {@link dialtone.simulator.ui.UiSnapshot};
 * its UiAutomator2 page source ({@link dialtone.simulator.ui.PageSource}), element finding
 * ({@link dialtone.simulator.ui.UiTree}, {@link dialtone.simulator.ui.Locator}) and a screenshot drawn
 * from the tree ({@link dialtone.simulator.ui.ScreenRenderer}).
 */
package dialtone.simulator.ui;
