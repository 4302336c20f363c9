# kanrisaku site: the words of the published site's pages (t.<name> in templates/site/).
site-title = Security and compliance
site-intro = How our cloud services implement the information security controls of ISO/IEC 27017, in our published whitepapers, with every revision.
site-services = Services
site-changes = Changes
site-changes-intro = Every revision of our whitepapers, newest first.
site-recent = Recent changes
site-feed = Atom feed
site-language = Language
site-language-name = English
site-lang-ja = Japanese
site-lang-en = English
site-service = Service
site-provider = Provider
site-version = Version
site-date = Date
site-languages = Languages
site-coverage = Coverage
site-coverage-note = Coverage: the share of the ISO/IEC 27017 provider controls the whitepaper addresses.
site-documents = Whitepaper
site-revision-history = Revision history
site-summary = Summary
site-commit = Change in the catalogs
site-all-services = All services
site-no-pdf = PDF editions are not part of this build: no browser was available to print them. The HTML edition has the same content.
site-no-changes = No changes recorded yet.
site-footer = Published with kanrisaku. No scripts and no tracking: every page also works opened from disk.
publish-wrote = wrote { $count } files of the site to { $dir }
publish-no-pdf = warning: the site has no PDF editions: { $reason }
publish-left-out = { $path }: not published because of the { $count ->
    [one] error
   *[other] { $count } errors
} above (see kanrisaku check); the other catalogs are published
