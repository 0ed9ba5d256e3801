// The page loads ECharts from /live/vendor/echarts.js (the gateway serves the npm package's own
// ES module build); its types come from the package.
export * from 'echarts';
