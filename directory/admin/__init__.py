"""The admin: the admin site, the partner and focus area pages, staff accounts and their
two-factor devices, and the review of visitors' suggestions.

The admin app imports this package's `site` module to build `admin.site`
(DirectoryAdminConfig.default_site) before any model is registered, so importing the
package registers nothing; DirectoryAdminConfig.ready() imports the modules that do."""
