// Start the GOV.UK Frontend components (error summary focus, details, character count, ...).
import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js'
initAll()
