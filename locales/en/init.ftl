# Words of `init`, `explain`, the getting-started, and render's confirmation, in English.
# Every message here must also be in ../ja/init.ftl with the same arguments (a test checks).

## kanrisaku alone
getting-started =
    kanrisaku keeps a cloud service's ISO/IEC 27017 controls as YAML and turns them into a whitepaper.

    Your first hour:
      kanrisaku init my-cloud --service "My Cloud"   start a workspace: every clause as a placeholder
      cd my-cloud                                    open services/*.yaml in your editor; replace each TODO
      kanrisaku check                                lists what is still to write (exit 0 when done)
      kanrisaku render -o whitepaper.html            the whitepaper customers read

    Look a clause up:  kanrisaku explain A.9.2.1
    Every command:     kanrisaku --help    (and kanrisaku COMMAND --help for examples)

## init: the files it writes
init-catalog-intro = The kanrisaku catalog of { $service }. `kanrisaku check` lists every TODO still to write; `kanrisaku explain CLAUSE` says what a clause is about.
init-doc-title = { $service } ISO/IEC 27017 Whitepaper
init-first-revision = First edition.
init-provider = TODO: the company that provides the service
init-url-hint = the service's web site (http or https), shown on the cover
init-section-purpose = Purpose of this document
init-section-purpose-body = TODO: who this document is for and what it answers (how the service implements the cloud controls of ISO/IEC 27017).
init-section-scope = Scope
init-section-scope-body = TODO: which service, features, environments and regions this document covers, and what it does not cover.
init-section-contact = Contact
init-section-contact-body = TODO: where customers send questions about this document or about the service's security.
init-responsibility-hint = Who is responsible for each layer. Adjust the layers and owners to how your service is built (SaaS, PaaS or IaaS).
init-party-customer = Customer
init-party-provider = We
init-party-upstream = Cloud infrastructure provider
init-layer-devices = Customer devices and networks
init-layer-accounts = User accounts and access settings
init-layer-data = Customer data
init-layer-application = Application
init-layer-platform = Middleware and operating systems
init-layer-infrastructure = Virtualisation, servers, networks and data centres
init-controls-hint = One entry per clause of the provider baseline (ISO/IEC 27017:2015, clauses with provider guidance). For each: set status, write the statement customers read, name the owner and the date you reviewed it.
init-clause-hint = Customers look for
init-statement = TODO: how the service does this.

## init: what it says
init-created = Created a kanrisaku workspace in { $dir }:
init-next =
    Next:
      1. Open { $catalog } (editors with the YAML extension complete fields and clause ids).
      2. For each clause, replace the TODO statement, set `status`, and add `owner` and `reviewed`.
      3. Run `kanrisaku check` in { $dir }: it lists what is still to write, and exits 0 when nothing is.
      4. Run `kanrisaku render -o whitepaper.html` to see the whitepaper.
init-exists = { $path } already exists; init never writes over a file. Choose a new or empty directory, or move the file away.
init-not-dir = { $path } exists and is not a directory; name a directory for the workspace.

## explain
explain-title-en = English title
explain-title-ja = Japanese title
explain-unconfirmed = (not confirmed against published headings)
explain-standard = Standard
explain-maps-to-2022 = ISO/IEC 27002:2022
explain-maps-from-2013 = ISO/IEC 27002:2013
explain-new-in-2022 = new in 2022: no ISO/IEC 27002:2013 predecessor
explain-no-2022 = a cloud-specific (CLD) control: no ISO/IEC 27002:2022 counterpart
explain-cloud = ISO/IEC 27017 guidance
explain-cloud-both = for the provider (CSP) and for the customer (CSC)
explain-cloud-csp = for the provider (CSP) only
explain-cloud-csc = for the customer (CSC) only
explain-cloud-none = none: ISO/IEC 27017 applies the ISO/IEC 27002 control unchanged
explain-baselines = Required by
explain-no-baseline = no built-in baseline except the whole standard
explain-hint = What whitepapers state
explain-no-hint = no note: not an ISO/IEC 27017 clause with cloud guidance
explain-via = via { $id }
explain-unknown = no clause `{ $raw }` in { $standard }{ $hint }
explain-did-you-mean = ; did you mean { $id }?
explain-range = ; { $category } has { $first } to { $last }
explain-other-standard = `{ $raw }` is not in { $standard }; shown from { $found }

## render
render-wrote = wrote { $path } ({ $format }, { $bytes } bytes)
render-wrote-stdout = wrote { $format } to standard output ({ $bytes } bytes)
