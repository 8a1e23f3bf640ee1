/**
 * What Tilework's HTML pages share: {@link io.tilework.engine.page.Echarts}, the one chart
 * library, read from the class path for the self-contained reports (sales, runs) and the console.
 */
package io.tilework.engine.page;
