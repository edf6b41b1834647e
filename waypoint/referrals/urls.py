"""URLs of the referrals pages."""
urlpatterns = []
