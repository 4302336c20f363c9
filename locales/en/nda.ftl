# Audiences (`audience: nda`, `render --audience nda`), in English. `label-nda-*` are template
# labels (`t.nda_*`), overridable in a template directory's `i18n/en.ftl`.
label-nda-watermark = CONFIDENTIAL — UNDER NDA
label-nda-banner = NDA edition: includes statements shared only under a non-disclosure agreement. Do not publish or forward.
label-nda-clause = Under NDA
label-nda-withheld = Further detail on this control is available to customers under a non-disclosure agreement.
