// Opens an HTML report in Debian's headless Chromium and saves what a reader sees first, at the widths the
// docs show (800, 1280, 1920 px), plus the page height at each: `npx tsx scripts/report-screenshots.ts
// REPORT.html OUT_DIR`. The README's screenshot is made with it from the demo's report.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) {
  console.error("usage: npx tsx scripts/report-screenshots.ts REPORT.html OUT_DIR");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const width of [800, 1280, 1920]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(pathToFileURL(resolve(file)).href);
    const height = await page.evaluate<number>("document.documentElement.scrollHeight");
    await page.screenshot({ path: join(outDir, `report-${width}.png`) });
    console.log(`${width} px: document height ${height} px (${(height / 900).toFixed(1)} screens of 900 px)`);
    await page.close();
  }
} finally {
  await browser.close();
}
