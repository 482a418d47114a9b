// electron-builder configuration for Stint: AppImage and deb (Linux), dmg (macOS), nsis
// (Windows). Run with `npm run package` (after `npm run build`); see README, "Packaging".
// A .cjs file so it can carry these comments and is loaded the same way by electron-builder
// and by tests/main/electron/packaging.test.ts.
//
// Native modules: better-sqlite3 must match Electron's ABI in the package. electron-builder's
// `npmRebuild` rebuilds it for the Electron version in package.json (keytar is N-API, so its
// build already fits); both stay outside the asar archive because a .node file cannot be
// loaded from inside it. Packaging therefore runs on each target OS (or its CI runner).

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.stint.desktop',
  productName: 'Stint',
  executableName: 'stint',
  copyright: 'Copyright © Stint contributors',
  directories: { output: 'dist', buildResources: 'build' },

  // The built app only: main, preload and renderer bundles from `electron-vite build`, plus
  // package.json. The renderer's libraries are bundled into out/renderer, so their
  // node_modules copies are left out; sources, tests and the simulator never ship.
  files: [
    'out/**',
    'package.json',
    '!**/*.map',
    '!node_modules/{react,react-dom,zustand,@fullcalendar,@tanstack}/**',
  ],
  // Tray and window icons, read at run time from process.resourcesPath/resources.
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*.png'] }],

  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**', '**/node_modules/keytar/**', '**/*.node'],
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icon.png',
    category: 'Office',
    synopsis: 'Plan your week on top of Hubstaff',
    description: 'HourStack-style weekly planning next to the time Hubstaff tracked, in the tray.',
    maintainer: 'Stint contributors <stint@example.invalid>',
    desktop: { entry: { StartupWMClass: 'Stint' } },
  },
  appImage: { artifactName: 'Stint-${version}-${arch}.AppImage' },
  deb: {
    artifactName: 'stint_${version}_${arch}.deb',
    // keytar talks to the Secret Service through libsecret.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },

  mac: {
    target: ['dmg'],
    icon: 'resources/icon.png',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { artifactName: 'Stint-${version}-${arch}.dmg' },

  win: {
    target: ['nsis'],
    icon: 'resources/icon.png',
  },
  nsis: {
    artifactName: 'Stint-Setup-${version}.exe',
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The user's plan lives in the data folder: an uninstall keeps it.
    deleteAppDataOnUninstall: false,
  },

  publish: null,
};
