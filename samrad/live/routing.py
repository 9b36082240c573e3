from django.urls import path

from samrad.live import consumers

websocket_urlpatterns = [
    path("ws/live/<str:code>/", consumers.ParticipantConsumer.as_asgi()),
    path("ws/present/<str:code>/", consumers.PresenterConsumer.as_asgi()),
    path("ws/show/<str:code>/", consumers.LinkPresenterConsumer.as_asgi()),
]
